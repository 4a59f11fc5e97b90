// When the success page may ask the payment provider about a session: not at once, and not often.

export type ProviderCheckPolicy = {
  /** From the first look at a session: the webhook usually lands within this, and then nobody asks. */
  firstAskAfterMs: number;
  /** Between two asks about one session, however many tabs poll it. */
  askEveryMs: number;
  /** Bounds memory; the sessions looked at longest ago are forgotten first. */
  maxTrackedSessions: number;
};

export const PROVIDER_CHECK_POLICY: ProviderCheckPolicy = { firstAskAfterMs: 4_000, askEveryMs: 5_000, maxTrackedSessions: 10_000 };

type Entry = { firstSeenAt: number; lastAskedAt: number | null };

/**
 * In memory, per process, like lib/attempt-throttle.ts (which counts failures with doubling
 * lockouts; this is a fixed cadence that starts with a wait). Each serverless instance keeps its own,
 * so the provider may be asked once per instance per interval: a handful of reads at worst, far
 * inside Stripe's rate limits. A forgotten session just waits `firstAskAfterMs` again.
 */
export class ProviderCheckSchedule {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: ProviderCheckPolicy = PROVIDER_CHECK_POLICY) {}

  /**
   * True when the provider may be asked about `key` now, and then counts this as the ask. The
   * first call only starts the clock. Synchronous, so two polls racing cannot both be let through.
   */
  claim(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry) {
      this.remember(key, { firstSeenAt: now, lastAskedAt: null });
      return false;
    }
    if (now < entry.firstSeenAt + this.policy.firstAskAfterMs) return false;
    if (entry.lastAskedAt !== null && now < entry.lastAskedAt + this.policy.askEveryMs) return false;
    entry.lastAskedAt = now;
    return true;
  }

  private remember(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    while (this.entries.size > this.policy.maxTrackedSessions) {
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.entries.delete(oldest.value);
    }
  }
}
