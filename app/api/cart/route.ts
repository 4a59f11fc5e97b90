// GET/POST/PATCH/DELETE /api/cart – read the shopper's cart, add to it, set a line's quantity, empty it
import { NextResponse } from "next/server";
import { addToCart } from "@/lib/cart/add-to-cart";
import { readCartId, setCartCookie } from "@/lib/cart/cart-cookie";
import { addToCartInput, setCartQuantityInput } from "@/lib/cart/cart-input";
import { toCartResponse } from "@/lib/cart/cart-response";
import type { CartUpdate } from "@/lib/cart/cart-update";
import { emptyCart } from "@/lib/cart/empty-cart";
import { getCart } from "@/lib/cart/get-cart";
import { setCartQuantity } from "@/lib/cart/set-cart-quantity";
import { parseJson, route } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { roomTokensFrom } from "@/lib/updates/room-token";

/** Every answer is the cart as GET returns it; writing it also refreshes the 30-day cookie. */
function cartResponse({ cartId, cart }: CartUpdate): NextResponse {
  const response = NextResponse.json(toCartResponse(cart), { headers: { "cache-control": "no-store" } });
  if (cartId) setCartCookie(response, cartId);
  return response;
}

export const GET = route(async ({ request }) => cartResponse(await getCart({ cartId: await readCartId(request) })));

export const POST = route(async ({ request }) => {
  const input = await parseJson(request, addToCartInput);
  return cartResponse(await addToCart({ ...input, cartId: await readCartId(request), roomTokens: roomTokensFrom(request.cookies.getAll()) }));
});

export const PATCH = route(async ({ request }) => {
  const input = await parseJson(request, setCartQuantityInput);
  return cartResponse(await setCartQuantity({ ...input, cartId: await readCartId(request), roomTokens: roomTokensFrom(request.cookies.getAll()) }));
});

export const DELETE = route(async ({ request }) => cartResponse(await emptyCart({ cartId: await readCartId(request) })));

export const { PUT } = methodsNotAllowed(["GET", "POST", "PATCH", "DELETE"]);
