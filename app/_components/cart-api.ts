// Browser-side calls to /api/cart, turning every failure into a message a shopper can act on.
import type { CartResponse } from "@/lib/cart/cart-response";
import { fetchJson } from "./fetch-json";

export type CartApiError = { code: string; message: string; details?: { available?: number; inCart?: number; variantId?: number } };
export type CartApiResult = { ok: true; cart: CartResponse } | { ok: false; error: CartApiError };

export async function callCartApi(method: "GET" | "POST" | "PATCH" | "DELETE", body?: { variantId: number; quantity: number }): Promise<CartApiResult> {
  const result = await fetchJson<CartResponse>("/api/cart", { method, body });
  if (result.ok) return { ok: true, cart: result.data };
  return { ok: false, error: result.problem as CartApiError };
}
