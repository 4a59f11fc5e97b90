// What a cached storefront page cannot carry: this visitor's cart count, the signed-in admin's closed-shop banner, and stock right now.
import { z } from "zod";
import type { NextRequest } from "next/server";
import { decideAdminAccess } from "@/lib/auth/access";
import { identifyRequest } from "@/lib/auth/request-identity";
import { readCartId } from "@/lib/cart/cart-cookie";
import { countCartUnits } from "@/lib/cart/count-cart-units";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getAvailability } from "@/lib/inventory/availability";
import { getMaintenanceState } from "@/lib/maintenance/maintenance-flag";

/** A product page lists its variants, a listing page its cards' variants: a few dozen, never thousands. */
export const MAX_LIVE_VARIANTS = 200;

/** `?variants=1,2,3`: the variants whose availability the page shows (none for a page without stock). */
export const liveStateQuery = z.object({
  variants: z
    .string()
    .max(MAX_LIVE_VARIANTS * 12)
    .regex(/^\d{1,10}(,\d{1,10})*$/, "variants is a comma-separated list of variant ids")
    .transform((text) => [...new Set(text.split(",").map(Number))])
    .refine((ids) => ids.length <= MAX_LIVE_VARIANTS, `At most ${MAX_LIVE_VARIANTS} variants at once`)
    .refine((ids) => ids.every((id) => Number.isSafeInteger(id) && id > 0), "Variant ids are positive integers")
    .optional(),
});

export type LiveState = {
  /** Units in this visitor's cart (the header badge); 0 without a cart. */
  cartCount: number;
  /** Only for a signed-in admin while the shop is closed to shoppers: they see the shop, shoppers the back-soon page. */
  closedShop: { endsAt: string | null } | null;
  /** Units that can be bought now per asked variant id (stock minus live holds); unknown ids are absent. */
  availability: Record<string, { available: number }>;
};

/**
 * One read for everything live on a cached page. The admin's session is checked only while the
 * shop is closed (the maintenance flag is a 5-second memory cache), so a shopper's read costs the
 * cart count and one availability statement. The checkout re-checks stock whatever this said.
 */
export async function readLiveState(request: NextRequest, variantIds: readonly number[] = []): Promise<LiveState> {
  const read = await db();
  const [cartCount, availability, closedShop] = await Promise.all([
    readCartId(request).then((cartId) => countCartUnits(read, cartId)),
    getAvailability(read, variantIds),
    closedShopFor(request),
  ]);
  return {
    cartCount,
    closedShop,
    availability: Object.fromEntries([...availability.values()].map((variant) => [String(variant.variantId), { available: variant.available }])),
  };
}

async function closedShopFor(request: NextRequest): Promise<LiveState["closedShop"]> {
  const maintenance = await getMaintenanceState(new Date()).catch(() => ({ active: false }) as const);
  if (!maintenance.active) return null;
  // The same decision that let this request past the closed shop in route() (lib/http/api-gate.ts).
  const config = env();
  const identity = await identifyRequest(config, request).catch(() => null);
  return decideAdminAccess(config, identity).allowed ? { endsAt: maintenance.endsAt } : null;
}
