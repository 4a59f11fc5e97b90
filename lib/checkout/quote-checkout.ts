// The live quote behind the checkout page: what paying now would cost, without writing anything.
import { loadCart } from "@/lib/cart/load-cart";
import type { DbOrTx } from "@/lib/db";
import { nowIso } from "@/lib/time";
import { buildCheckoutQuote, type BuiltQuote } from "./build-checkout-quote";
import type { CheckoutInput } from "./checkout-input";
import { combineShipping } from "./combine-shipping";
import { findCombinableOrder } from "./find-combinable-order";
import { findOpenCheckoutId } from "@/lib/live-checkouts";

/**
 * Loads the cart (its own open checkout's reservation left out, since a new checkout would replace
 * it) and prices it for the country and code. Seven statements whatever the cart holds, in three
 * waits over a network (see loadCart and buildCheckoutQuote); no writes, so the page can call it on
 * every change of country or code. With an email, one more statement beside the pricing: the
 * shopper's unshipped order of the same shop update, whose parcel these goods then join with no
 * second shipping (findCombinableOrder).
 */
export async function quoteCheckout(
  db: DbOrTx,
  params: { cartId: string | null; input: Pick<CheckoutInput, "country" | "discountCode"> & Partial<Pick<CheckoutInput, "email">>; now?: string },
): Promise<BuiltQuote> {
  const now = params.now ?? nowIso();
  const openCheckoutId = params.cartId ? findOpenCheckoutId(db, params.cartId, now) : undefined;
  const cart = await loadCart(db, params.cartId, { excludeCheckoutId: openCheckoutId });
  const { email } = params.input;
  // Beside the pricing, not after it: both need only the cart, so the look adds a statement but no wait.
  const [built, parcel] = await Promise.all([
    buildCheckoutQuote(db, { cart, input: params.input, now }),
    email ? findCombinableOrder(db, { email, country: params.input.country, variantIds: cart.items.map((item) => item.variantId), now }) : null,
  ]);
  return parcel ? combineShipping(built, parcel) : built;
}
