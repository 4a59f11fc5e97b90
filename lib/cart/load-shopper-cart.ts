// The cart as its shopper sees it (cart page, header, cart API): five statements whatever its size.
import type { DbOrTx } from "@/lib/db";
import { loadCart, type CartView } from "./load-cart";
import { findOpenCheckoutId } from "@/lib/live-checkouts";

/** loadCart, with the shopper's own open checkout's reservation counted as theirs (see lib/checkout/open-checkouts.ts). */
export async function loadShopperCart(db: DbOrTx, cartId: string | null): Promise<CartView> {
  if (!cartId) return loadCart(db, null);
  return loadCart(db, cartId, { excludeCheckoutId: findOpenCheckoutId(db, cartId) });
}
