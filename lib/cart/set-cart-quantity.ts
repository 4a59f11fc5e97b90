// Sets how many units of a variant the shopper's cart holds; 0 removes the line.
import { db, writeTransaction, type Tx } from "@/lib/db";
import { nowIso } from "@/lib/time";
import { assertAvailable } from "./assert-available";
import type { SetCartQuantityInput } from "./cart-input";
import type { CartUpdate } from "./cart-update";
import { assertPurchasable, findLineTarget } from "./find-line-target";
import { loadShopperCart } from "./load-shopper-cart";
import { deleteCartLine, writeCartLine } from "./write-cart-line";

/**
 * Inside the caller's write transaction. Removing always works, even for an item that stopped
 * being for sale after it was added (the shopper must be able to clear it). Setting a positive
 * quantity creates the line if a stale page no longer matches the cart. Returns the cart id, or
 * null when there is still no cart.
 */
export async function setCartLineQuantity(
  tx: Tx,
  params: SetCartQuantityInput & { cartId: string | null; now?: string },
): Promise<string | null> {
  const now = params.now ?? nowIso();
  const target = await findLineTarget(tx, { cartId: params.cartId, variantId: params.variantId, now });
  if (params.quantity === 0) {
    if (target.existingCartId) await deleteCartLine(tx, { cartId: target.existingCartId, variantId: params.variantId, now });
    return target.existingCartId;
  }
  assertPurchasable(target, params.variantId);
  await assertAvailable(tx, {
    variantId: params.variantId,
    quantity: params.quantity,
    inCart: target.inCart,
    ownCheckoutId: target.ownCheckoutId,
    now,
  });
  return writeCartLine(tx, { existingCartId: target.existingCartId, variantId: params.variantId, quantity: params.quantity, now });
}

/** PATCH /api/cart's operation. */
export async function setCartQuantity(params: SetCartQuantityInput & { cartId: string | null }): Promise<CartUpdate> {
  const cartId = await writeTransaction((tx) => setCartLineQuantity(tx, params));
  return { cartId: cartId ?? params.cartId, cart: await loadShopperCart(await db(), cartId ?? params.cartId) };
}
