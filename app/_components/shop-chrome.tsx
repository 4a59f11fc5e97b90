// Reads what the header and footer show (store name, cart count) per request, never at build time.
import { headers } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { readCartId } from "@/lib/cart/cart-cookie";
import { countCartUnits } from "@/lib/cart/count-cart-units";
import { db } from "@/lib/db";
import { MAINTENANCE_REQUEST_HEADER } from "@/lib/maintenance/maintenance-paths";
import { getSettings } from "@/lib/settings";
import { ShopFrame } from "./shop-frame";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

export async function ShopChrome({ children }: { children: ReactNode }) {
  await connection();
  // While the shop is closed, the "back soon" page stands alone: every link in the header would lead back to it.
  if ((await headers()).get(MAINTENANCE_REQUEST_HEADER) === "1") {
    return <div id="content" className="flex flex-1 flex-col">{children}</div>;
  }
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
