// Adds to or sets a line of the shopper's cart: read and refuse first, then one guarded write batch.
import { db, guardRefusal, statementBuilder, toStatement, writeBatch } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { nowIso } from "@/lib/time";
import { assertAdmitted } from "@/lib/updates/assert-admitted";
import { assertCartWithinLimits } from "@/lib/updates/customer-limit";
import { recordRefusalOf } from "@/lib/updates/record-refusal";
import { NO_ROOM_TOKENS, type RoomTokens } from "@/lib/updates/room-token";
import { governingUpdates } from "@/lib/updates/variant-updates";
import { assertAvailable } from "./assert-available";
import { assertUpdatesLive } from "./assert-update-live";
import { newCartId } from "./cart-cookie";
import type { CartUpdate } from "./cart-update";
import { assertPurchasable, findLineTarget } from "./find-line-target";
import { itemLimitMessage } from "./item-limit";
import { loadShopperCart } from "./load-shopper-cart";
import { CART_LINE_GUARD, cartLineStatements, deleteCartLineStatements } from "./write-cart-line";

/** Reads and guarded writes that found the data moved in between, before the shopper is asked to retry. */
const MAX_ATTEMPTS = 3;

export type CartLineChange = { add: number } | { set: number };

/**
 * POST and PATCH /api/cart's operation. Reads the line and the stock (two statements whatever the
 * cart holds, the shop's per-item cap among them) and refuses what cannot be done — not for sale
 * (404), a shop update's variant before its minute (409 not_live) or without the pass of its
 * waiting room (409 not_admitted), over the per-item cap (409
 * quantity_limit), past an update's per-customer limit in this cart alone (409 limit_reached) or sold
 * out (409) — before anything is written; then writes the cart and the line in one guarded batch: one
 * round trip under the write lock, which a shop update's crowd of shoppers at the same minute would
 * otherwise hold for five. An add adds to whatever the line holds by then (two tabs' adds both land).
 * If the guard finds the result no longer fits the stock, the cap or the catalog, nothing was
 * written: read and decide again. Setting 0 removes the line, which always works, even for an item
 * no longer for sale (the shopper must be able to clear it); setting a positive quantity creates the
 * line if a stale page no longer matches the cart. The cart is read after.
 */
export async function changeCartLine(params: { cartId: string | null; variantId: number; change: CartLineChange; roomTokens?: RoomTokens }): Promise<CartUpdate> {
  const { variantId, change } = params;
  for (let attempt = 1; ; attempt += 1) {
    const reader = await db();
    const now = nowIso();
    // Read together (one wait over a network): the line and the shop update governing the variant, if any.
    const [target, governing] = await Promise.all([
      findLineTarget(reader, { cartId: params.cartId, variantId, now }),
      governingUpdates(reader, [variantId], now).then((updates) => updates.get(variantId)),
    ]);
    if ("set" in change && change.set === 0) {
      if (target.existingCartId) await writeBatch(deleteCartLineStatements(statementBuilder, { cartId: target.existingCartId, variantId, now }).map(toStatement));
      const cartId = target.existingCartId ?? params.cartId;
      return { cartId, cart: await loadShopperCart(reader, cartId) };
    }
    assertPurchasable(target, variantId);
    const quantity = "add" in change ? target.inCart + change.add : change.set;
    try {
      assertUpdatesLive([governing]);
      assertAdmitted([governing], params.roomTokens ?? NO_ROOM_TOKENS);
      if (quantity > target.maxQuantity) {
        throw new AppError("quantity_limit", itemLimitMessage(target.maxQuantity, target.inCart), {
          variantId,
          maxQuantity: target.maxQuantity,
          inCart: target.inCart,
        });
      }
      if (governing) await assertCartWithinLimits(reader, { cartId: target.existingCartId, variantId, quantity, update: governing });
      await assertAvailable(reader, { variantId, quantity, inCart: target.inCart, ownCheckoutId: target.ownCheckoutId, now });
    } catch (error) {
      // The owner's live view counts refusals of an update's variants: after the refusal, nothing was written.
      if (governing) recordRefusalOf(error, [governing.updateId]);
      throw error;
    }
    const cartId = target.existingCartId ?? newCartId();
    const statements = cartLineStatements(statementBuilder, {
      cartId,
      isNewCart: target.existingCartId === null,
      variantId,
      change,
      ownCheckoutId: target.ownCheckoutId,
      maxQuantity: target.maxQuantity,
      now,
    });
    try {
      await writeBatch(statements);
      return { cartId, cart: await loadShopperCart(reader, cartId) };
    } catch (error) {
      if (guardRefusal(error) !== CART_LINE_GUARD) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new AppError("conflict", "Your cart changed while this was being saved. Please try again.", { variantId });
    }
  }
}
