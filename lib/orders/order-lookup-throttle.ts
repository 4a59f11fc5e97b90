// Limits guessing on the order page's email form: order numbers are sequential, emails are not secret.
import { AttemptThrottle, chargeAttempt, type ThrottleVerdict } from "@/lib/attempt-throttle";

/**
 * Per client address: ten wrong emails are free (typos happen), then lockouts that double from 30 s.
 * In memory, with the documented limits (per instance, forgotten on restart). A right answer clears
 * the client's count. A client locked here gets nothing checked: it is the guesser.
 */
export const orderLookupThrottle = new AttemptThrottle({
  freeAttempts: 10,
  baseLockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTrackedClients: 10_000,
});

/**
 * Per order number, the budget rotating addresses cannot escape, in two steps:
 * - after 30 wrong emails the order's lookups are "paused": wrong emails are told to wait, but the
 *   right one is still let through, so strangers cannot lock the buyer out with 30 guesses;
 * - after 300 wrong emails in a day nothing is let through (the right email gets the same answer as a
 *   wrong one): letting the right one through means every guess is still checked, and this ceiling is
 *   what bounds a guesser with many addresses. The link in the confirmation email always works.
 *
 * Only numbers of orders that exist are remembered here (the caller says which after its read), so
 * the entries are bounded by the shop's orders, which nobody can add to without paying: failing on
 * other numbers cannot push an order's count out and give it its guesses back. The cap is a fuse far
 * above any shop this size, not a working limit. Unknown numbers are budgeted by the same rules in
 * the decoy throttles below, so a pause does not tell a prober that a number is a real order; there,
 * evicting an entry protects nothing and costs nothing.
 */
const ORDER_PAUSE = { freeAttempts: 30, baseLockoutMs: 60_000, maxLockoutMs: 60 * 60_000, forgetAfterMs: 24 * 60 * 60_000 };
const ORDER_CEILING = { freeAttempts: 300, baseLockoutMs: 60 * 60_000, maxLockoutMs: 24 * 60 * 60_000, forgetAfterMs: 24 * 60 * 60_000 };
const KNOWN_ORDERS_FUSE = 1_000_000;
const DECOY_ENTRIES = 10_000;

export const orderNumberLookupThrottle = new AttemptThrottle({ ...ORDER_PAUSE, maxTrackedClients: KNOWN_ORDERS_FUSE });
export const orderNumberLookupCeiling = new AttemptThrottle({ ...ORDER_CEILING, maxTrackedClients: KNOWN_ORDERS_FUSE });
const unknownNumberPause = new AttemptThrottle({ ...ORDER_PAUSE, maxTrackedClients: DECOY_ENTRIES });
const unknownNumberCeiling = new AttemptThrottle({ ...ORDER_CEILING, maxTrackedClients: DECOY_ENTRIES });

/**
 * Before the lookup: charges the client's budget (skipped for clients nothing vouches for, who are
 * all one "unattributed" client: one guesser would lock every shopper out). Charged before the read
 * is awaited, so a parallel burst cannot all slip past one check.
 */
export function chargeClientLookup(client: string | null, now: number): ThrottleVerdict {
  return client === null ? { allowed: true } : chargeAttempt([{ throttle: orderLookupThrottle, key: client }], now);
}

export type OrderLookupOutcome =
  | { outcome: "granted" }
  | { outcome: "wrong" }
  | { outcome: "paused"; retryAfterSeconds: number };

/**
 * After the read, and synchronous (no other request runs between the check and the count): the
 * order's verdict on an attempt whose email has already been compared, in constant time, whatever
 * this decides. `orderNumber` is the stored number when the order exists, else the normalised input.
 */
export function settleOrderLookup(
  attempt: { orderNumber: string; isKnownOrder: boolean; isGranted: boolean },
  now: number,
): OrderLookupOutcome {
  const pause = attempt.isKnownOrder ? orderNumberLookupThrottle : unknownNumberPause;
  const ceiling = attempt.isKnownOrder ? orderNumberLookupCeiling : unknownNumberCeiling;
  const key = attempt.orderNumber;
  const sealed = ceiling.check(key, now);
  if (!sealed.allowed) return { outcome: "paused", retryAfterSeconds: sealed.retryAfterSeconds };
  if (attempt.isGranted) {
    pause.recordSuccess(key);
    ceiling.recordSuccess(key);
    return { outcome: "granted" };
  }
  const wasPaused = !pause.check(key, now).allowed;
  const after = pause.recordFailure(key, now);
  const afterCeiling = ceiling.recordFailure(key, now);
  if (!wasPaused) return { outcome: "wrong" };
  const retryAfterSeconds = Math.max(
    after.allowed ? 0 : after.retryAfterSeconds,
    afterCeiling.allowed ? 0 : afterCeiling.retryAfterSeconds,
    1,
  );
  return { outcome: "paused", retryAfterSeconds };
}
