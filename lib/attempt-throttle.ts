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

  /**
   * recordFailure, with a way to take that one failure back (see chargeRefundableAttempt). The
   * refund restores the key exactly as it was when nothing has failed under it since; otherwise it
   * removes one failure from the count and leaves the lockout that the later failures earned.
   */
  recordRefundableFailure(key: string, now: number): () => void {
    const previous = this.current(key, now);
    const before = previous ? { ...previous } : undefined;
    this.recordFailure(key, now);
    const charged = this.entries.get(key);
    if (!charged) return () => {};
    const after = { ...charged };
    return () => {
      const entry = this.entries.get(key);
      if (entry !== charged) return; // forgotten or evicted since: there is nothing left to take back
      const isUntouched = entry.failures === after.failures && entry.lastFailureAt === after.lastFailureAt && entry.lockedUntil === after.lockedUntil;
      if (isUntouched && !before) {
        this.entries.delete(key);
      } else if (isUntouched && before) {
        Object.assign(entry, before);
      } else if (entry.failures <= 1) {
        this.entries.delete(key);
      } else {
        entry.failures -= 1;
      }
    };
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

/** An admitted attempt that was charged as a failure, and the way to give the charge back. */
export type RefundableCharge = { allowed: true; refund: () => void } | { allowed: false; retryAfterSeconds: number };

/**
 * chargeAttempt for a failures-only budget where a success must not wipe the slate: the attempt is
 * charged before it runs (so a parallel burst cannot slip past one check), and an attempt that
 * turns out not to be a failure gives back exactly its own charge — never the failures before it,
 * so a guesser cannot reset its count by slipping in one answer it already knows.
 */
export function chargeRefundableAttempt(budgets: AttemptBudget[], now: number): RefundableCharge {
  const verdict = checkBudgets(budgets, now);
  if (!verdict.allowed) return verdict;
  const refunds = budgets.map(({ throttle, key }) => throttle.recordRefundableFailure(key, now));
  return { allowed: true, refund: () => refunds.forEach((refund) => refund()) };
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
