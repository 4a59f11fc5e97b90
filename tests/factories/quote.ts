// Test factory for the quote a checkout stores, with no database or framework imports (the e2e specs use it too).
import type { QuotedShippingOption, StoredCheckoutQuote } from "@/lib/db/schema";
import { isoAfter } from "@/lib/time";

/** A quoted option with the defaults a tracked UK rate has; pass what the test is about. */
export function quotedOption(option: Pick<QuotedShippingOption, "rateId" | "name" | "amount"> & Partial<QuotedShippingOption>): QuotedShippingOption {
  return { regularAmount: option.amount, isFree: false, freeOverSubtotal: null, minDeliveryDays: 2, maxDeliveryDays: 3, isTracked: true, ...option };
}

/** A stored quote (what openCheckout writes) for the given goods, options and discount. */
export function quoteSnapshot(spec: {
  subtotal?: number;
  country?: string;
  currency?: string;
  shippingOptions?: QuotedShippingOption[];
  discount?: StoredCheckoutQuote["discount"];
  paymentExpiresAt?: string;
} = {}): StoredCheckoutQuote {
  const subtotal = spec.subtotal ?? 0;
  const shippingOptions = spec.shippingOptions ?? [];
  const shipping = shippingOptions[0]?.amount ?? 0;
  return {
    country: spec.country ?? "GB",
    countryName: spec.country === undefined || spec.country === "GB" ? "United Kingdom" : spec.country,
    zoneName: "Test zone",
    currency: spec.currency ?? "GBP",
    itemCount: 1,
    weightGrams: 100,
    subtotal,
    discount: spec.discount ?? null,
    shippingOptions,
    shipping,
    total: subtotal - (spec.discount?.amount ?? 0) + shipping,
    paymentExpiresAt: spec.paymentExpiresAt ?? isoAfter(31 * 60 * 1000),
  };
}
