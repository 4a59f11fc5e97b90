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
  take(key: string, now: number): Verdict {
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
 * Counts distinct members per key over a sliding window (carts per email): the same member again
 * refreshes its place without counting twice, so a shopper retrying from one cart is one, not many.
 */
export class DistinctWindowCounter {
  private readonly members = new Map<string, Map<string, number>>();

  constructor(private readonly policy: WindowPolicy) {}

  take(key: string, member: string, now: number): Verdict {
    const seen = new Map([...(this.members.get(key) ?? new Map<string, number>())].filter(([, at]) => now - at < this.policy.windowMs));
    if (!seen.has(member) && seen.size >= this.policy.limit) {
      this.members.set(key, seen);
      const oldest = Math.min(...seen.values());
      return { allowed: false, retryAfterSeconds: Math.ceil((oldest + this.policy.windowMs - now) / 1000) };
    }
    seen.delete(member);
    seen.set(member, now);
    this.members.delete(key);
    this.members.set(key, seen);
    while (this.members.size > this.policy.maxKeys) {
      const oldest = this.members.keys().next();
      if (oldest.done) break;
      this.members.delete(oldest.value);
    }
    return { allowed: true };
  }
}

/**
 * One shopper's mailbox, however the address is dressed: case is already folded by the checkout
 * input, and a "+tag" is dropped, since the tag reaches the same inbox and costs a script nothing.
 */
export function emailBudgetKey(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return email.toLowerCase();
  const local = email.slice(0, at).split("+")[0] || email.slice(0, at);
  return `${local}@${email.slice(at + 1)}`.toLowerCase();
}

/**
 * The rules (README, Security):
 * - per client address, 8 checkouts per hold lifetime (36 minutes): no client has more than 8 holds
 *   at once, however many carts it makes;
 * - per client, 30 a day: a script cannot keep renewing 8 holds around the clock;
 * - per cart, 10 a day: renewing one cart's hold forever (each new checkout replaces the last) stops;
 * - per email, 2 carts per hold lifetime: one shopper on two devices, not a hold on every cart a
 *   script makes. This is the budget that still holds when the address is unknown.
 * A shopper fixing a typo or retrying a declined card is far inside all of them (a retry from the
 * same cart replaces its checkout and is the same cart to the email budget). Without a trusted
 * proxy every visitor is the same "client" (lib/http/client-address.ts), so the per-client budgets
 * are skipped rather than shared by the whole shop: the per-cart and per-email budgets, and the
 * per-item cap on what one checkout can hold (the maxUnitsPerVariant setting), still apply.
 *
 * Not done, on purpose: a shop-wide cap on checkouts, or on the share of a variant that unpaid
 * checkouts may hold. Every sale is an unpaid hold for a while, so either one refuses real shoppers
 * exactly when a script has filled it — it hands the script a switch that closes checkout for
 * everyone, which is worse than the hold it was meant to stop. Telling a script from a crowd needs
 * the client's address: set TRUSTED_PROXY.
 */
export const checkoutLimits = {
  perClient: new SlidingWindowCounter({ limit: 8, windowMs: HOLD_LIFETIME_MS, maxKeys: 10_000 }),
  perClientDaily: new SlidingWindowCounter({ limit: 30, windowMs: 24 * 60 * 60_000, maxKeys: 10_000 }),
  perCart: new SlidingWindowCounter({ limit: 10, windowMs: 24 * 60 * 60_000, maxKeys: 10_000 }),
  cartsPerEmail: new DistinctWindowCounter({ limit: 2, windowMs: HOLD_LIFETIME_MS, maxKeys: 10_000 }),
};

type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const TOO_MANY_HERE = "Too many checkouts have been started from here. Please finish one of them, or try again later.";
const TOO_MANY_FOR_EMAIL = "Checkouts for this email address are already open in other carts. Please finish one of them, or try again later.";

/** Throws 429 `too_many_requests` with Retry-After when this checkout would exceed a budget. */
export function admitCheckout(
  params: { client: string; cartId: string | null; email?: string | null },
  now = Date.now(),
  limits = checkoutLimits,
): void {
  if (env().CHECKOUT_ABUSE_LIMITS === "off") return;
  const { client, cartId, email } = params;
  const checks: Array<[take: () => Verdict, message: string]> = [];
  if (client !== UNATTRIBUTED_CLIENT) {
    checks.push([() => limits.perClient.take(client, now), TOO_MANY_HERE], [() => limits.perClientDaily.take(client, now), TOO_MANY_HERE]);
  }
  if (cartId) checks.push([() => limits.perCart.take(cartId, now), TOO_MANY_HERE]);
  // A checkout without a cart is refused as empty before it holds anything: no email budget needed.
  if (cartId && email) checks.push([() => limits.cartsPerEmail.take(emailBudgetKey(email), cartId, now), TOO_MANY_FOR_EMAIL]);
  for (const [take, message] of checks) {
    const verdict = take();
    if (!verdict.allowed) throw retryLater("too_many_requests", message, verdict.retryAfterSeconds);
  }
}
