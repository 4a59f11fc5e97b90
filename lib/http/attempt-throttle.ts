// Slows down guessing (passwords, order lookups): per key, a few free attempts, then a lockout that doubles.
export type ThrottlePolicy = {
  /** Failures allowed before the first lockout. */
  freeAttempts: number;
  /** Length of the first lockout; each further failure doubles it. */
  baseLockoutMs: number;
  maxLockoutMs: number;
  /** A key with no failure for this long starts afresh. */
  forgetAfterMs: number;
  /** Bounds memory when many keys fail once each; the oldest entries are dropped first. */
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
 * In memory, on purpose: the owner login guards one password and the order page one form, and a
 * store on one server (or a few serverless instances) needs no shared store for this. The
 * consequences are documented rather than hidden: a restart forgets failures, and each serverless
 * instance counts on its own, so the effective budget is per instance. Keys are whatever the caller
 * budgets by: a client address (see client-address.ts for which address is believed), an order
 * number, or one constant key for a global budget that rotating addresses cannot escape.
 */
export class AttemptThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {}

  check(key: string, now: number): ThrottleVerdict {
    const entry = this.current(key, now);
    if (!entry || entry.lockedUntil <= now) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.ceil((entry.lockedUntil - now) / 1000) };
  }

  recordFailure(key: string, now: number): ThrottleVerdict {
    const entry = this.current(key, now) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
    entry.failures += 1;
    entry.lastFailureAt = now;
    const overBudget = entry.failures - this.policy.freeAttempts;
    if (overBudget >= 0) {
      entry.lockedUntil = now + Math.min(this.policy.maxLockoutMs, this.policy.baseLockoutMs * 2 ** overBudget);
    }
    // Re-inserting keeps the map in least-recently-failed order, which is what eviction wants.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evictOverflow();
    return this.check(key, now);
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }

  /** Number of keys currently remembered (tests check the memory bound). */
  get size(): number {
    return this.entries.size;
  }

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailureAt > this.policy.forgetAfterMs && entry.lockedUntil <= now) {
      this.entries.delete(key);
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

/** One budget an attempt is charged to: a throttle and the key it counts under there. */
export type AttemptBudget = { throttle: AttemptThrottle; key: string };

/** The longest lockout among the budgets, or allowed when none is locked. */
export function checkBudgets(budgets: AttemptBudget[], now: number): ThrottleVerdict {
  let waitSeconds = 0;
  for (const { throttle, key } of budgets) {
    const verdict = throttle.check(key, now);
    if (!verdict.allowed) waitSeconds = Math.max(waitSeconds, verdict.retryAfterSeconds);
  }
  return waitSeconds > 0 ? { allowed: false, retryAfterSeconds: waitSeconds } : { allowed: true };
}

/** Counts one failure against every budget; answers whether the next attempt would be let in. */
export function recordFailures(budgets: AttemptBudget[], now: number): ThrottleVerdict {
  for (const { throttle, key } of budgets) throttle.recordFailure(key, now);
  return checkBudgets(budgets, now);
}

/**
 * Admits an attempt only if every budget has room, and charges it to all of them at once, before
 * the attempt runs. Charging first is what closes the check-then-record gap when the attempt
 * awaits something (a database lookup): with the failure recorded only afterwards, a burst of
 * parallel guesses would all pass the check. A successful attempt gives back what it was charged
 * by calling `recordSuccess` on the budgets it should clear. Synchronous on purpose: no other
 * request can run between the check and the charge.
 */
export function chargeAttempt(budgets: AttemptBudget[], now: number): ThrottleVerdict {
  const verdict = checkBudgets(budgets, now);
  if (verdict.allowed) for (const { throttle, key } of budgets) throttle.recordFailure(key, now);
  return verdict;
}
