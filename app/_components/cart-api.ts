// Browser-side calls to /api/cart, turning every failure into a message a shopper can act on.
import type { CartResponse } from "@/lib/cart/cart-response";

export type CartApiError = { code: string; message: string; details?: { available?: number; inCart?: number; variantId?: number } };
export type CartApiResult = { ok: true; cart: CartResponse } | { ok: false; error: CartApiError };

const OFFLINE: CartApiError = { code: "network", message: "We could not reach the shop. Check your connection and try again." };

export async function callCartApi(method: "GET" | "POST" | "PATCH" | "DELETE", body?: { variantId: number; quantity: number }): Promise<CartApiResult> {
  let response: Response;
  try {
    response = await fetch("/api/cart", {
      method,
      headers: body ? { "content-type": "application/json" } : undefined,
      body: body ? JSON.stringify(body) : undefined,
      cache: "no-store",
    });
  } catch {
    return { ok: false, error: OFFLINE };
  }
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    return { ok: false, error: { code: "internal", message: "Something went wrong on our side. Please try again." } };
  }
  if (response.ok) return { ok: true, cart: payload as CartResponse };
  const error = (payload as { error?: CartApiError }).error;
  return { ok: false, error: error ?? { code: "internal", message: "Something went wrong on our side. Please try again." } };
}
