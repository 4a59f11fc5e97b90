// Which of the checkout's quoted shipping options the shopper paid for.
import type { QuotedShippingOption } from "@/lib/db/schema";
import type { PaymentFacts } from "./payment-facts";

export type ShippingChoice = {
  option: QuotedShippingOption | null;
  matchedBy: "rate" | "amount" | "total" | "only_option" | null;
};

/**
 * The provider names the rate it charged (`shipping_cost.shipping_rate`): with Stripe its shr_… id,
 * recorded on each option as `providerRateId` when the session was created; with the local provider
 * our own rate id. Without a usable reference, the shipping charged picks it (the first at that
 * price: equal prices give equal totals); with no shipping facts at all, the option that explains the
 * amount paid, or the only option quoted.
 */
export function chooseShippingOption(
  options: readonly QuotedShippingOption[],
  facts: Pick<PaymentFacts, "shippingRateRef" | "shippingAmount" | "amountTotal">,
  goodsTotal: number,
): ShippingChoice {
  const ref = facts.shippingRateRef;
  if (ref) {
    const byRate = options.find((option) => option.providerRateId === ref || (option.rateId !== null && String(option.rateId) === ref));
    if (byRate) return { option: byRate, matchedBy: "rate" };
  }
  if (facts.shippingAmount !== null) {
    const byAmount = options.find((option) => option.amount === facts.shippingAmount);
    return byAmount ? { option: byAmount, matchedBy: "amount" } : { option: null, matchedBy: null };
  }
  const byTotal = options.find((option) => facts.amountTotal !== null && goodsTotal + option.amount === facts.amountTotal);
  if (byTotal) return { option: byTotal, matchedBy: "total" };
  if (options.length === 1) return { option: options[0]!, matchedBy: "only_option" };
  return { option: null, matchedBy: null };
}
