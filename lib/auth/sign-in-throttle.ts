// Slows down password guessing: per client IP, a few free attempts, then a lockout that doubles.

export type ThrottlePolicy = {
  /** Failures allowed before the first lockout. */
  freeAttempts: number;
  /** Length of the first lockout; each further failure doubles it. */
  baseLockoutMs: number;
  maxLockoutMs: number;
  /** A client with no failure for this long starts afresh. */
  forgetAfterMs: number;
  /** Bounds memory when many addresses fail once each; the oldest entries are dropped first. */
  maxTrackedClients: number;
};

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  freeAttempts: 5,
  baseLockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTrackedClients: 10_000,
};

type Entry = { failures: number; lastFailureAt: number; lockedUntil: number };

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * In memory, on purpose: the owner login guards one password, and a store on one server (or a few
 * serverless instances) needs no shared store for this. The consequences are documented rather than
 * hidden: a restart forgets failures, and each serverless instance counts on its own, so the
 * effective budget is per instance. The client address comes from the proxy's X-Forwarded-For
 * (Vercel sets it); a server exposed directly without a proxy lets clients forge it.
 */
export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {}

  check(client: string, now: number): ThrottleVerdict {
    const entry = this.current(client, now);
    if (!entry || entry.lockedUntil <= now) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.ceil((entry.lockedUntil - now) / 1000) };
  }

  recordFailure(client: string, now: number): ThrottleVerdict {
    const entry = this.current(client, now) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
    entry.failures += 1;
    entry.lastFailureAt = now;
    const overBudget = entry.failures - this.policy.freeAttempts;
    if (overBudget >= 0) {
      entry.lockedUntil = now + Math.min(this.policy.maxLockoutMs, this.policy.baseLockoutMs * 2 ** overBudget);
    }
    // Re-inserting keeps the map in least-recently-failed order, which is what eviction wants.
    this.entries.delete(client);
    this.entries.set(client, entry);
    this.evictOverflow();
    return this.check(client, now);
  }

  recordSuccess(client: string): void {
    this.entries.delete(client);
  }

  /** Number of clients currently remembered (tests check the memory bound). */
  get size(): number {
    return this.entries.size;
  }

  private current(client: string, now: number): Entry | undefined {
    const entry = this.entries.get(client);
    if (entry && now - entry.lastFailureAt > this.policy.forgetAfterMs && entry.lockedUntil <= now) {
      this.entries.delete(client);
      return undefined;
    }
    return entry;
  }

  private evictOverflow(): void {
    while (this.entries.size > this.policy.maxTrackedClients) {
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.entries.delete(oldest.value);
    }
  }
}

/** The process's throttle for the owner login (sign-in page and POST /api/admin/session share it). */
export const ownerSignInThrottle = new SignInThrottle();

/** The caller's address as the hosting proxy reports it; the first X-Forwarded-For hop is the client. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
