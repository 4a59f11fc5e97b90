// How much a discount takes off a subtotal, in minor units.
import type { DiscountKind } from "@/lib/db/schema";

/**
 * Percent codes round to the nearest minor unit (10% of £12.35 is £1.24); fixed codes never take
 * more than the subtotal. Shipping is never discounted: the discount applies to the goods, as in Stripe.
 */
export function discountAmount(kind: DiscountKind, value: number, subtotal: number): number {
  if (subtotal <= 0) return 0;
  const raw = kind === "percent" ? Math.round((subtotal * value) / 100) : value;
  return Math.min(subtotal, Math.max(0, raw));
}
