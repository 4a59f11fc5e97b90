// Budgets on wrong discount codes, so the code list cannot be probed by guessing (README, Security).
import { AttemptThrottle, chargeRefundableAttempt, type AttemptBudget } from "@/lib/attempt-throttle";
import { UNATTRIBUTED_CLIENT } from "@/lib/http/client-address";
import { retryLater } from "@/lib/app-error";
import { isCodeNotValid } from "./check-discount-code";

/** Shop-wide failures are counted in fixed windows this long (see `shopWide`). */
const SHOP_WIDE_WINDOW_MS = 10 * 60_000;

/**
 * Only codes that are not valid count (a code that works, or misses only its minimum spend, is not a
 * guess), and a code that works does not clear what was counted before it. In memory, per instance,
 * like the other throttles.
 * - per client address: ten wrong codes are free (typos, an old flyer), then lockouts doubling from
 *   30 s. Skipped when nothing vouches for the address: every visitor would share it.
 * - per cart: the same, so a script without a trusted proxy is stopped on its own cart.
 * - shop-wide: 50 wrong codes per 10-minute window from anywhere, a budget that rotating addresses
 *   and fresh carts cannot escape. Counted in fixed windows rather than "since the last failure",
 *   so a steady trickle of real typos never adds up to a lockout; the price of an attack is that
 *   codes stop being checked for everyone until the window turns (paying without a code still works).
 */
export const discountGuessBudgets = {
  perClient: new AttemptThrottle({ freeAttempts: 10, baseLockoutMs: 30_000, maxLockoutMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, maxTrackedClients: 10_000 }),
  perCart: new AttemptThrottle({ freeAttempts: 10, baseLockoutMs: 30_000, maxLockoutMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, maxTrackedClients: 10_000 }),
  shopWide: new AttemptThrottle({ freeAttempts: 50, baseLockoutMs: 60_000, maxLockoutMs: SHOP_WIDE_WINDOW_MS, forgetAfterMs: SHOP_WIDE_WINDOW_MS, maxTrackedClients: 2 }),
};

function budgetsFor(params: { client: string; cartId: string | null }, now: number, limits: typeof discountGuessBudgets): AttemptBudget[] {
  const budgets: AttemptBudget[] = [{ throttle: limits.shopWide, key: `window-${Math.floor(now / SHOP_WIDE_WINDOW_MS)}` }];
  if (params.client !== UNATTRIBUTED_CLIENT) budgets.push({ throttle: limits.perClient, key: params.client });
  if (params.cartId) budgets.push({ throttle: limits.perCart, key: params.cartId });
  return budgets;
}

/**
 * Runs `work` (a quote or a checkout that checks `code`) within the guessing budgets: 429
 * `too_many_requests` with Retry-After, before the code is looked at, once a budget is spent. The
 * attempt is charged before `work` awaits anything, so a parallel burst cannot pass one check
 * together, and the charge is given back unless `work` answered that the code is not valid. A
 * request without a code costs nothing.
 */
export async function withDiscountGuessBudget<T>(
  params: { client: string; cartId: string | null; code: string | undefined },
  work: () => Promise<T>,
  now = Date.now(),
  limits = discountGuessBudgets,
): Promise<T> {
  if (!params.code) return work();
  const charge = chargeRefundableAttempt(budgetsFor(params, now, limits), now);
  if (!charge.allowed) {
    throw retryLater(
      "too_many_requests",
      "Too many discount codes have been tried. Please wait a little before trying another, or continue without one.",
      charge.retryAfterSeconds,
    );
  }
  try {
    const result = await work();
    charge.refund();
    return result;
  } catch (error) {
    if (!isCodeNotValid(error)) charge.refund();
    throw error;
  }
}
