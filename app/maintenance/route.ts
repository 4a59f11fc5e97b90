// GET /maintenance – the "back soon" page exactly as shoppers see it while the shop is closed (a preview for the owner)
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { renderMaintenancePage } from "@/lib/maintenance/maintenance-page";
import { getSettings } from "@/lib/settings";

export const dynamic = "force-dynamic";

/**
 * While the shop is closed, middleware.ts answers every storefront page with this document and
 * 503 itself, from its cached settings. The signed-in owner passes through the gate, so this
 * address is where they can see what shoppers see; it answers 200 and is never indexed.
 */
export async function GET() {
  const settings = await getSettings(await db());
  const html = renderMaintenancePage({ storeName: settings.storeName, message: settings.maintenanceMessage, supportEmail: settings.supportEmail });
  return new NextResponse(html, {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-robots-tag": "noindex" },
  });
}
