// The cart as its shopper sees it (cart page, header, cart API): five statements whatever its size.
import type { DbOrTx } from "@/lib/db";
import { loadCart, type CartView } from "./load-cart";
import { findOwnHold } from "./own-update-hold";

/**
 * loadCart, with the shopper's own open checkout's reservation counted as theirs (see
 * lib/live-checkouts.ts), and `heldUntil` when that checkout holds a shop update's stock for them.
 */
export async function loadShopperCart(db: DbOrTx, cartId: string | null): Promise<CartView> {
  if (!cartId) return loadCart(db, null);
  const ownHold = findOwnHold(db, cartId);
  const cart = await loadCart(db, cartId, { excludeCheckoutId: ownHold.then((hold) => hold?.checkoutId ?? null) });
  return { ...cart, heldUntil: (await ownHold)?.heldUntil ?? null };
}
