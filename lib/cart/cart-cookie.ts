// The shopper's cart cookie: its name, its options and how to read the cart id back from a request.
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import type { NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";

export const CART_COOKIE = "cart_id";

/** Thirty days: a shopper who comes back next week still finds the yarn they picked. */
export const CART_COOKIE_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

/** 24 random bytes in base64url: the token is the cart's primary key, so it must not be guessable. */
const CART_ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function newCartId(): string {
  return randomBytes(24).toString("base64url");
}

/** Anything that is not one of our tokens is treated as "no cart" rather than queried. */
export function isCartId(value: string | undefined | null): value is string {
  return typeof value === "string" && CART_ID_PATTERN.test(value);
}

/**
 * The cart id from a route handler's request, or (without an argument) from the incoming request
 * of a server component or server action via `cookies()`. Null when there is no valid cookie.
 */
export async function readCartId(request?: Pick<NextRequest, "cookies">): Promise<string | null> {
  const value = request ? request.cookies.get(CART_COOKIE)?.value : (await cookies()).get(CART_COOKIE)?.value;
  return isCartId(value) ? value : null;
}

/** httpOnly so page scripts never see the token; Lax so it rides along when the shopper returns from payment. */
export function cartCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().isProduction,
    path: "/",
    maxAge: CART_COOKIE_MAX_AGE_SECONDS,
  };
}

/** Sets (or refreshes, extending its life) the cart cookie on a response. */
export function setCartCookie(response: NextResponse, cartId: string): void {
  response.cookies.set(CART_COOKIE, cartId, cartCookieOptions());
}

/** Forgets the cart on this browser (after an order is placed the cart row is gone). */
export function clearCartCookie(response: NextResponse): void {
  response.cookies.set(CART_COOKIE, "", { ...cartCookieOptions(), maxAge: 0 });
}
