// Reads the quote the checkout stored (shipping options, discount) defensively, and matches the paid shipping to it.
import { z } from "zod";
import type { PaymentFacts } from "./payment-facts";

const money = z.number().int().nonnegative();

const quotedShippingOption = z.object({
  rateId: z.union([z.number().int(), z.string()]).nullish(),
  /** Set by a provider adapter that registers rates with the provider (Stripe shr_… ids). */
  providerRateId: z.string().nullish(),
  name: z.string().catch("Shipping"),
  amount: money,
  minDeliveryDays: z.number().int().nullish().catch(null),
  maxDeliveryDays: z.number().int().nullish().catch(null),
  isTracked: z.boolean().nullish().catch(null),
});

export type QuotedShippingOption = {
  rateId: number | null;
  providerRateId: string | null;
  name: string;
  amount: number;
  minDeliveryDays: number | null;
  maxDeliveryDays: number | null;
  isTracked: boolean;
};

export type CheckoutQuote = {
  shippingOptions: QuotedShippingOption[];
  discount: { code: string; amount: number } | null;
  total: number | null;
};

/**
 * The quote JSON belongs to the checkout code and may grow or change shape; an option or discount
 * that does not parse is skipped rather than failing the order (the shopper has already paid).
 */
export function readCheckoutQuote(quote: unknown): CheckoutQuote {
  const record = quote && typeof quote === "object" ? (quote as Record<string, unknown>) : {};
  const rawOptions = Array.isArray(record.shippingOptions) ? record.shippingOptions : [];
  const shippingOptions: QuotedShippingOption[] = [];
  for (const raw of rawOptions) {
    const parsed = quotedShippingOption.safeParse(raw);
    if (!parsed.success) continue;
    const rateId = parsed.data.rateId == null ? null : Number(parsed.data.rateId);
    shippingOptions.push({
      rateId: rateId !== null && Number.isInteger(rateId) ? rateId : null,
      providerRateId: parsed.data.providerRateId ?? null,
      name: parsed.data.name,
      amount: parsed.data.amount,
      minDeliveryDays: parsed.data.minDeliveryDays ?? null,
      maxDeliveryDays: parsed.data.maxDeliveryDays ?? null,
      isTracked: parsed.data.isTracked ?? false,
    });
  }
  const discount = z.object({ code: z.string(), amount: money }).safeParse(record.discount);
  const total = money.safeParse(record.total);
  return {
    shippingOptions,
    discount: discount.success ? discount.data : null,
    total: total.success ? total.data : null,
  };
}

export type ShippingChoice = {
  option: QuotedShippingOption | null;
  matchedBy: "rate" | "amount" | "total" | "only_option" | null;
};

/**
 * Which quoted option the shopper paid for. Stripe names the rate it charged (`shipping_cost.shipping_rate`),
 * which the local provider sets to our rate id and a Stripe adapter can store as `providerRateId`.
 * Without a usable reference, the shipping charged picks it (the first at that price: equal prices
 * give equal totals); with no shipping facts at all, the option that explains the amount paid, or
 * the only option quoted.
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
