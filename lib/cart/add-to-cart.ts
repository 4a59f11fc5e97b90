// Adds units of a variant to the shopper's cart, merging with a line already there.
import { db, writeTransaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { nowIso } from "@/lib/time";
import { assertAvailable } from "./assert-available";
import type { AddToCartInput } from "./cart-input";
import { MAX_LINE_QUANTITY } from "./cart-input";
import type { CartUpdate } from "./cart-update";
import { assertPurchasable, findLineTarget } from "./find-line-target";
import { loadShopperCart } from "./load-shopper-cart";
import { writeCartLine } from "./write-cart-line";

/**
 * Inside the caller's write transaction: checks the variant is for sale and that the merged line
 * fits both the stock and the per-line cap, then writes. Four statements whatever the cart holds.
 * Returns the cart id (new on a first add).
 */
export async function addCartLine(tx: Tx, params: AddToCartInput & { cartId: string | null; now?: string }): Promise<string> {
  const now = params.now ?? nowIso();
  const target = await findLineTarget(tx, { cartId: params.cartId, variantId: params.variantId, now });
  assertPurchasable(target, params.variantId);
  const quantity = target.inCart + params.quantity;
  if (quantity > MAX_LINE_QUANTITY) {
    throw new AppError("conflict", `You can have at most ${MAX_LINE_QUANTITY} of one item in your cart.`, {
      variantId: params.variantId,
      maxQuantity: MAX_LINE_QUANTITY,
      inCart: target.inCart,
    });
  }
  await assertAvailable(tx, { variantId: params.variantId, quantity, inCart: target.inCart, ownCheckoutId: target.ownCheckoutId, now });
  return writeCartLine(tx, { existingCartId: target.existingCartId, variantId: params.variantId, quantity, now });
}

/** POST /api/cart's operation: the check and the write commit together; the cart is read after. */
export async function addToCart(params: AddToCartInput & { cartId: string | null }): Promise<CartUpdate> {
  const cartId = await writeTransaction((tx) => addCartLine(tx, params));
  return { cartId, cart: await loadShopperCart(await db(), cartId) };
}
