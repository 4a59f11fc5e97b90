// Budgets on starting checkouts, so a script cannot hold all the stock (or every use of a limited code).
import { env } from "@/lib/env";
import { UNATTRIBUTED_CLIENT } from "@/lib/http/client-address";
import { retryLater } from "@/lib/app-error";
import { PAYMENT_SESSION_TTL_MS, RESERVATION_GRACE_MS } from "./checkout-expiry";

/** How long one checkout can hold stock: a window this long bounds how many holds exist at once. */
const HOLD_LIFETIME_MS = PAYMENT_SESSION_TTL_MS + RESERVATION_GRACE_MS;

type WindowPolicy = { limit: number; windowMs: number; maxKeys: number };

/** Counts events per key over a sliding window; in memory, per instance, like the attempt throttles. */
export class SlidingWindowCounter {
  private readonly events = new Map<string, number[]>();

  constructor(private readonly policy: WindowPolicy) {}

  /** Records one event for `key` if the window has room; otherwise says when the oldest one leaves it. */
  take(key: string, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const recent = (this.events.get(key) ?? []).filter((at) => now - at < this.policy.windowMs);
    if (recent.length >= this.policy.limit) {
      this.events.set(key, recent);
      return { allowed: false, retryAfterSeconds: Math.ceil((recent[0]! + this.policy.windowMs - now) / 1000) };
    }
    recent.push(now);
    this.events.delete(key);
    this.events.set(key, recent);
    while (this.events.size > this.policy.maxKeys) {
      const oldest = this.events.keys().next();
      if (oldest.done) break;
      this.events.delete(oldest.value);
    }
    return { allowed: true };
  }
}

/**
 * The rules (README, Security):
 * - per client address, 8 checkouts per hold lifetime (36 minutes): no client has more than 8 holds
 *   at once, however many carts it makes;
 * - per client, 30 a day: a script cannot keep renewing 8 holds around the clock;
 * - per cart, 10 a day: renewing one cart's hold forever (each new checkout replaces the last) stops.
 * A shopper fixing a typo or retrying a declined card is far inside all three. Without a trusted
 * proxy every visitor is the same "client" (lib/http/client-address.ts), so the per-client budgets
 * are skipped rather than shared by the whole shop; the per-cart budget still applies.
 */
export const checkoutLimits = {
  perClient: new SlidingWindowCounter({ limit: 8, windowMs: HOLD_LIFETIME_MS, maxKeys: 10_000 }),
  perClientDaily: new SlidingWindowCounter({ limit: 30, windowMs: 24 * 60 * 60_000, maxKeys: 10_000 }),
  perCart: new SlidingWindowCounter({ limit: 10, windowMs: 24 * 60 * 60_000, maxKeys: 10_000 }),
};

/** Throws 429 `too_many_requests` with Retry-After when this checkout would exceed a budget. */
export function admitCheckout(params: { client: string; cartId: string | null }, now = Date.now(), limits = checkoutLimits): void {
  if (env().CHECKOUT_ABUSE_LIMITS === "off") return;
  const checks: Array<[SlidingWindowCounter, string]> = [];
  if (params.client !== UNATTRIBUTED_CLIENT) {
    checks.push([limits.perClient, params.client], [limits.perClientDaily, params.client]);
  }
  if (params.cartId) checks.push([limits.perCart, params.cartId]);
  for (const [counter, key] of checks) {
    const verdict = counter.take(key, now);
    if (!verdict.allowed) {
      throw retryLater(
        "too_many_requests",
        "Too many checkouts have been started from here. Please finish one of them, or try again later.",
        verdict.retryAfterSeconds,
      );
    }
  }
}
