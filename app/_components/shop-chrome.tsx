// What the header and footer show: store name, pages and announcement from Next's data cache; the cart count and the closed-shop banner come from the page's live read in the browser.
import { connection } from "next/server";
import type { ReactNode } from "react";
import { env } from "@/lib/env";
import { cachedPublishedPages, cachedSettings } from "@/lib/storefront/storefront-cache";
import { traderDetailsOf } from "@/lib/settings/trader-details";
import { AnnouncementBar } from "./announcement-bar";
import { LiveClosedShopBanner } from "./live-closed-shop-banner";
import { ShopFrame } from "./shop-frame";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

/**
 * Reads no cookie and no header, so a catalogue page under it can be kept in Next's full-route
 * cache; everything per visitor is in the client components fed by GET /api/storefront/live.
 */
export async function ShopChrome({ children }: { children: ReactNode }) {
  // During `next build` the shop's database may not exist yet (it is seeded or restored after the
  // build): a page Next would prerender then (the 404 page) renders per request instead.
  if (env().isBuilding) await connection();
  const [settings, pages] = await Promise.all([cachedSettings(), cachedPublishedPages()]);
  const announcement = settings.announcementEnabled && settings.announcementText.trim() !== "" ? settings.announcementText : null;
  return (
    <ShopFrame
      header={
        <>
          <LiveClosedShopBanner />
          {announcement ? <AnnouncementBar text={announcement} link={settings.announcementLink} /> : null}
          <SiteHeader storeName={settings.storeName} />
        </>
      }
      footer={<SiteFooter storeName={settings.storeName} supportEmail={settings.supportEmail} pages={pages} trader={traderDetailsOf(settings)} />}
    >
      {children}
    </ShopFrame>
  );
}
