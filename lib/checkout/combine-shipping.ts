// A quote whose goods ship in an earlier order's parcel: one free delivery option that says so.
import type { BuiltQuote } from "./build-checkout-quote";
import type { CombinedParcel } from "./find-combinable-order";

export const combinedOptionName = (orderNumber: string) => `Combined with ${orderNumber}`;

/**
 * The shipping options become one: free, named after the order whose parcel the goods join, keeping
 * the cheapest rate's id and delivery times (the parcel goes as that order's does). The payment
 * session then offers only this option, so the webhook charges exactly what the quote said.
 */
export function combineShipping(built: BuiltQuote, parcel: CombinedParcel): BuiltQuote {
  const { quote } = built;
  const cheapest = quote.shippingOptions[0];
  if (!cheapest) return built;
  const goods = quote.subtotal - (quote.discount?.amount ?? 0);
  return {
    ...built,
    quote: {
      ...quote,
      shippingOptions: [{ ...cheapest, name: combinedOptionName(parcel.orderNumber), amount: 0, isFree: true, freeOverSubtotal: null }],
      shipping: 0,
      total: goods,
    },
    combinedWith: parcel,
  };
}
