// Turns a loaded cart and the shopper's choices into the priced quote a checkout is created from.
import type { CartView } from "@/lib/cart/load-cart";
import type { DbOrTx } from "@/lib/db";
import type { CheckoutLineSnapshot, CheckoutQuote } from "@/lib/db/schema";
import { checkDiscountCode } from "@/lib/discounts/check-discount-code";
import { AppError } from "@/lib/app-error";
import type { Shortfall } from "@/lib/inventory/shortfall";
import { countryName } from "@/lib/shipping/country-name";
import { priceShippingOptions, quoteShipping, type ShippingOption } from "@/lib/shipping/quote-shipping";
import type { CheckoutInput } from "./checkout-input";
import type { CombinedParcel } from "./find-combinable-order";

export type QuoteLine = CheckoutLineSnapshot & { lineTotal: number; image: { url: string; alt: string } | null };

/**
 * A quote priced just now: every option is one of our rates (a stored quote may hold older shapes).
 * `combinedWith`: the earlier order whose parcel these goods join, free of shipping (combineShipping).
 */
export type BuiltQuote = { quote: CheckoutQuote & { shippingOptions: ShippingOption[] }; lines: QuoteLine[]; combinedWith: CombinedParcel | null };

/**
 * The shop's per-item cap (maxUnitsPerVariant), checked where the hold is made: a cart filled before
 * the owner lowered the cap, or written around the cart API, still cannot hold more than this.
 */
function assertWithinItemLimit(cart: CartView): void {
  const over = cart.items.filter((item) => item.quantity > cart.maxQuantityPerLine);
  if (over.length === 0) return;
  const named = over.map((item) => `${item.productName} – ${item.variantName} (${item.quantity})`);
  throw new AppError(
    "quantity_limit",
    `You can buy at most ${cart.maxQuantityPerLine} of each item in one order. Please reduce ${named.join(", ")} to ${cart.maxQuantityPerLine} or fewer.`,
    over.map((item) => ({ variantId: item.variantId, requested: item.quantity, maxQuantity: cart.maxQuantityPerLine })),
  );
}

function assertLinesPurchasable(cart: CartView): void {
  const problems: (Shortfall & { name: string })[] = [];
  for (const item of cart.items) {
    const available = item.isPurchasable ? item.available : 0;
    if (item.quantity > available) {
      problems.push({ variantId: item.variantId, requested: item.quantity, available, name: `${item.productName} – ${item.variantName}` });
    }
  }
  if (problems.length === 0) return;
  const described = problems.map((p) => (p.available === 0 ? `${p.name} (sold out)` : `${p.name} (only ${p.available} left)`));
  throw new AppError(
    "insufficient_stock",
    `Sorry, some items sold out while they were in your cart: ${described.join(", ")}. Update your cart to continue.`,
    problems.map(({ variantId, requested, available }) => ({ variantId, requested, available })),
  );
}

/**
 * Validates the cart (not empty; every line still for sale at its current price and in stock net
 * of other shoppers' reservations), finds this country's shipping for the parcel's weight and
 * applies the discount code. Two statements beyond the cart load, whatever the number of lines.
 *
 * Errors, in the order a shopper should fix them: empty cart (400), more of an item than one order
 * may hold (409 quantity_limit), sold out (409), no shipping to the country or for the weight (422),
 * discount refused (422).
 */
export async function buildCheckoutQuote(
  db: DbOrTx,
  params: { cart: CartView; input: Pick<CheckoutInput, "country" | "discountCode">; now?: string },
): Promise<BuiltQuote> {
  const { cart, input } = params;
  if (cart.items.length === 0) throw new AppError("bad_request", "Your cart is empty. Add something before checking out.");
  assertWithinItemLimit(cart);
  assertLinesPurchasable(cart);

  const lines: QuoteLine[] = cart.items.map((item) => ({
    variantId: item.variantId,
    productId: item.productId,
    productName: item.productName,
    variantName: item.variantName,
    sku: item.sku,
    unitPrice: item.unitPrice,
    quantity: item.quantity,
    weightGrams: item.weightGrams,
    lineTotal: item.unitPrice * item.quantity,
    image: item.image,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const weightGrams = lines.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0);

  // Read together (one wait over a network); the shipping refusal still comes before the discount's.
  const [shippingRead, discountRead] = await Promise.allSettled([
    quoteShipping(db, { country: input.country, weightGrams, subtotal }),
    input.discountCode
      ? checkDiscountCode(db, { code: input.discountCode, subtotal, currency: cart.currency, now: params.now, excludeCartId: cart.id })
      : null,
  ]);
  if (shippingRead.status === "rejected") throw shippingRead.reason;
  if (discountRead.status === "rejected") throw discountRead.reason;
  const shipping = shippingRead.value;
  const discount = discountRead.value;
  // Free-shipping thresholds compare against what the goods cost after the discount.
  const goods = subtotal - (discount?.amount ?? 0);
  const shippingOptions = discount ? priceShippingOptions(shipping.options, goods) : shipping.options;
  const preselected = shippingOptions[0]?.amount ?? 0;

  return {
    lines,
    combinedWith: null,
    quote: {
      country: shipping.country,
      countryName: countryName(shipping.country),
      zoneName: shipping.zoneName,
      currency: cart.currency,
      itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
      weightGrams,
      subtotal,
      discount,
      shippingOptions,
      shipping: preselected,
      total: goods + preselected,
    },
  };
}
