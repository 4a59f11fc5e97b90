// Which of the checkout's quoted shipping options the shopper picked on the payment page.
import type { ShippingOption } from "@/lib/shipping/quote-shipping";

type RateRef = string | { id: string; metadata?: Record<string, string> | null };
type SessionShipping = {
  shipping_cost?: { amount_total: number; shipping_rate: RateRef | null } | null;
  shipping_options?: { shipping_amount: number; shipping_rate: RateRef | null }[] | null;
};

const rateIdOf = (ref: RateRef | null) => (ref === null || typeof ref === "string" ? ref : ref.id);

/**
 * For the webhook: maps a completed session back to one of `options` (the checkout's
 * `quote.shippingOptions`). In order of certainty: our rate id in an expanded rate's metadata
 * (`shipping_rate_id`, set when the session was created); the chosen rate's position in the
 * session's `shipping_options`, which lists the options in the order we sent them; the amount
 * charged. Null when the session carries no shipping.
 */
export function chosenShippingOption(options: readonly ShippingOption[], session: SessionShipping): ShippingOption | null {
  const cost = session.shipping_cost;
  if (!cost?.shipping_rate) return null;
  const ref = cost.shipping_rate;
  const fromMetadata = typeof ref === "string" ? undefined : Number(ref.metadata?.shipping_rate_id);
  if (fromMetadata) {
    const match = options.find((option) => option.rateId === fromMetadata);
    if (match) return match;
  }
  const index = session.shipping_options?.findIndex((option) => rateIdOf(option.shipping_rate) === rateIdOf(ref)) ?? -1;
  if (index >= 0 && options[index]) return options[index];
  return options.find((option) => option.amount === cost.amount_total) ?? null;
}
