// Reads the shopper's cart id from the cart cookie.

/**
 * The storefront owns the cart cookie. Until its `lib/cart/cart-cookie.ts` is on main, checkout
 * reads the cookie by the name the storefront sets (`cart_id`) through this one function, so the
 * switch to the storefront's reader is a one-line change here.
 */
export const CART_COOKIE_NAME = "cart_id";

type CookieReader = { get(name: string): { value: string } | undefined };

export function readCartId(cookies: CookieReader): string | null {
  const value = cookies.get(CART_COOKIE_NAME)?.value?.trim();
  return value ? value : null;
}
