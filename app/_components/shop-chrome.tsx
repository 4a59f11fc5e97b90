// Reads what the header and footer show (store name, cart count) per request, never at build time.
import { connection } from "next/server";
import type { ReactNode } from "react";
import { readCartId } from "@/lib/cart/cart-cookie";
import { countCartUnits } from "@/lib/cart/count-cart-units";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { ShopFrame } from "./shop-frame";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

export async function ShopChrome({ children }: { children: ReactNode }) {
  await connection();
  const read = await db();
  const [settings, cartCount] = await Promise.all([getSettings(read), readCartId().then((cartId) => countCartUnits(read, cartId))]);
  return (
    <ShopFrame
      header={<SiteHeader storeName={settings.storeName} cartCount={cartCount} />}
      footer={<SiteFooter storeName={settings.storeName} supportEmail={settings.supportEmail} />}
    >
      {children}
    </ShopFrame>
  );
}
