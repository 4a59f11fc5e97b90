// Reads what the header and footer show (store name, cart count, pages, announcement, the owner's closed-shop banner) per request, never at build time.
import { connection } from "next/server";
import type { ReactNode } from "react";
import { getAdminAccess } from "@/lib/auth/admin";
import { readCartId } from "@/lib/cart/cart-cookie";
import { countCartUnits } from "@/lib/cart/count-cart-units";
import { db } from "@/lib/db";
import { maintenanceStateAt } from "@/lib/maintenance/maintenance-state";
import { listPublishedPages } from "@/lib/pages/list-pages";
import { getSettings } from "@/lib/settings";
import { traderDetailsOf } from "@/lib/settings/trader-details";
import { AnnouncementBar } from "./announcement-bar";
import { ClosedShopBanner } from "./closed-shop-banner";
import { ShopFrame } from "./shop-frame";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

export async function ShopChrome({ children }: { children: ReactNode }) {
  await connection();
  const read = await db();
  const [settings, cartCount, pages] = await Promise.all([getSettings(read), readCartId().then((cartId) => countCartUnits(read, cartId)), listPublishedPages(read)]);
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
