// Reads what the header and footer show (store name, cart count, pages, announcement) per request, never at build time.
import { connection } from "next/server";
import type { ReactNode } from "react";
import { readCartId } from "@/lib/cart/cart-cookie";
import { countCartUnits } from "@/lib/cart/count-cart-units";
import { db } from "@/lib/db";
import { listPublishedPages } from "@/lib/pages/list-pages";
import { getSettings } from "@/lib/settings";
import { traderDetailsOf } from "@/lib/settings/trader-details";
import { AnnouncementBar } from "./announcement-bar";
import { ShopFrame } from "./shop-frame";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

export async function ShopChrome({ children }: { children: ReactNode }) {
  await connection();
  const read = await db();
  const [settings, cartCount, pages] = await Promise.all([getSettings(read), readCartId().then((cartId) => countCartUnits(read, cartId)), listPublishedPages(read)]);
  const announcement = settings.announcementEnabled && settings.announcementText.trim() !== "" ? settings.announcementText : null;
  return (
    <ShopFrame
      header={
        <>
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
