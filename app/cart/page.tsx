import type { Metadata } from "next";
import { connection } from "next/server";
import { readCartId } from "@/lib/cart/cart-cookie";
import { toCartResponse } from "@/lib/cart/cart-response";
import { loadShopperCart } from "@/lib/cart/load-shopper-cart";
import { db } from "@/lib/db";
import { publishedTermsHref } from "@/lib/pages/list-pages";
import { getSettings } from "@/lib/settings";
import { CartEditor } from "./_components/cart-editor";

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

export default async function CartPage() {
  await connection();
  const read = await db();
  const [cart, settings, termsHref] = await Promise.all([readCartId().then((cartId) => loadShopperCart(read, cartId)), getSettings(read), publishedTermsHref(read)]);
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="mb-6 font-serif text-3xl font-semibold text-brand-900">Your cart</h1>
      <CartEditor initialCart={toCartResponse(cart)} lowStockThreshold={settings.lowStockThreshold} termsHref={termsHref} />
    </main>
  );
}
