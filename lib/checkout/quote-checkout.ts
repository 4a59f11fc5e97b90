// The live quote behind the checkout page: what paying now would cost, without writing anything.
import { loadCart } from "@/lib/cart/load-cart";
import type { DbOrTx } from "@/lib/db";
import { nowIso } from "@/lib/time";
import { buildCheckoutQuote, type BuiltQuote } from "./build-checkout-quote";
import type { CheckoutInput } from "./checkout-input";
import { findOpenCheckoutId } from "@/lib/live-checkouts";

/**
 * Loads the cart (its own open checkout's reservation left out, since a new checkout would replace
 * it) and prices it for the country and code. Seven statements whatever the cart holds, in three
 * waits over a network (see loadCart and buildCheckoutQuote); no writes, so the page can call it on
 * every change of country or code.
 */
export async function quoteCheckout(
  db: DbOrTx,
  params: { cartId: string | null; input: Pick<CheckoutInput, "country" | "discountCode">; now?: string },
): Promise<BuiltQuote> {
  const now = params.now ?? nowIso();
  const openCheckoutId = params.cartId ? findOpenCheckoutId(db, params.cartId, now) : undefined;
  const cart = await loadCart(db, params.cartId, { excludeCheckoutId: openCheckoutId });
  return buildCheckoutQuote(db, { cart, input: params.input, now });
}
