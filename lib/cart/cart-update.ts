// What every cart operation hands back to its route: the cart id to keep in the cookie and the cart.
import type { CartView } from "./load-cart";

export type CartUpdate = {
  /** Null while the shopper has no cart row yet (nothing was ever added). */
  cartId: string | null;
  cart: CartView;
};
