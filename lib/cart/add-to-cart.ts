// Adds units of a variant to the shopper's cart, merging with a line already there.
import { db, isGuardFailure, statementBuilder, toStatement, writeBatch } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { nowIso } from "@/lib/time";
import { assertAvailable } from "./assert-available";
import { newCartId } from "./cart-cookie";
import type { AddToCartInput } from "./cart-input";
import { MAX_LINE_QUANTITY } from "./cart-input";
import type { CartUpdate } from "./cart-update";
import { assertPurchasable, findLineTarget } from "./find-line-target";
import { loadShopperCart } from "./load-shopper-cart";
import { addCartLineStatements } from "./write-cart-line";

/** Reads and guarded writes that found the data moved in between, before the shopper is asked to retry. */
const MAX_ATTEMPTS = 3;

/**
 * POST /api/cart's operation. Reads the line and the stock (two statements whatever the cart
 * holds) and refuses what cannot be added — not for sale (404), over the per-line cap or sold out
 * (409) — before anything is written; then writes the cart and the line in one guarded batch: one
 * round trip under the write lock, which a shop update's crowd of shoppers adding at the same
 * minute would otherwise hold for five. The batch adds to whatever the line holds by then (two
 * tabs' adds both land); if its guard finds the sum no longer fits the stock, the cap or the
 * catalog, nothing was written: read and decide again. The cart is read after.
 */
export async function addToCart(params: AddToCartInput & { cartId: string | null }): Promise<CartUpdate> {
  for (let attempt = 1; ; attempt += 1) {
    const reader = await db();
    const now = nowIso();
    const target = await findLineTarget(reader, { cartId: params.cartId, variantId: params.variantId, now });
    assertPurchasable(target, params.variantId);
    const quantity = target.inCart + params.quantity;
    if (quantity > MAX_LINE_QUANTITY) {
      throw new AppError("conflict", `You can have at most ${MAX_LINE_QUANTITY} of one item in your cart.`, {
        variantId: params.variantId,
        maxQuantity: MAX_LINE_QUANTITY,
        inCart: target.inCart,
      });
    }
    await assertAvailable(reader, { variantId: params.variantId, quantity, inCart: target.inCart, ownCheckoutId: target.ownCheckoutId, now });
    const cartId = target.existingCartId ?? newCartId();
    const statements = addCartLineStatements(statementBuilder, {
      cartId,
      isNewCart: target.existingCartId === null,
      variantId: params.variantId,
      added: params.quantity,
      ownCheckoutId: target.ownCheckoutId,
      now,
    });
    try {
      await writeBatch(statements.map(toStatement));
      return { cartId, cart: await loadShopperCart(reader, cartId) };
    } catch (error) {
      if (!isGuardFailure(error, "cart_items.quantity") || attempt >= MAX_ATTEMPTS) {
        if (isGuardFailure(error, "cart_items.quantity")) {
          throw new AppError("conflict", "Your cart changed while this was being saved. Please try again.", { variantId: params.variantId });
        }
        throw error;
      }
    }
  }
}
