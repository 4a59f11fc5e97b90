// What the header and footer show: store name, pages and announcement from Next's data cache, the cart count and the owner's closed-shop banner live; never at build time.
import { connection } from "next/server";
import type { ReactNode } from "react";
import { getAdminAccess } from "@/lib/auth/admin";
import { readCartId } from "@/lib/cart/cart-cookie";
import { countCartUnits } from "@/lib/cart/count-cart-units";
import { cachedPublishedPages, cachedSettings } from "@/lib/storefront/storefront-cache";
import { db } from "@/lib/db";
import { maintenanceStateAt } from "@/lib/maintenance/maintenance-state";
import { traderDetailsOf } from "@/lib/settings/trader-details";
import { AnnouncementBar } from "./announcement-bar";
import { ClosedShopBanner } from "./closed-shop-banner";
import { ShopFrame } from "./shop-frame";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

export async function ShopChrome({ children }: { children: ReactNode }) {
  await connection();
  const [settings, cartCount, pages] = await Promise.all([cachedSettings(), readCartId().then(async (cartId) => countCartUnits(await db(), cartId)), cachedPublishedPages()]);
  // Only the signed-in owner gets past the maintenance gate to a closed page (the order page aside,
  // which buyers may see): the owner is asked only while the shop is closed.
  const maintenance = maintenanceStateAt(settings, new Date());
  const isOwnerInClosedShop = maintenance.active && (await getAdminAccess()).allowed;
  const announcement = settings.announcementEnabled && settings.announcementText.trim() !== "" ? settings.announcementText : null;
  return (
    <ShopFrame
      header={
        <>
          {isOwnerInClosedShop ? <ClosedShopBanner endsAt={maintenance.endsAt} /> : null}
          {announcement ? <AnnouncementBar text={announcement} link={settings.announcementLink} /> : null}
          <SiteHeader storeName={settings.storeName} cartCount={cartCount} />
        </>
      }
      footer={<SiteFooter storeName={settings.storeName} supportEmail={settings.supportEmail} pages={pages} trader={traderDetailsOf(settings)} />}
    >
      {children}
    </ShopFrame>
  );
}
