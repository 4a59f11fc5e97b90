// POST /api/admin/shipping/zones – create a shipping zone with its countries; GET lists zones with countries and rates
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { listShippingZones } from "@/lib/shipping/list-shipping-zones";
import { saveZone } from "@/lib/shipping/save-shipping";
import { zoneInput } from "@/lib/shipping/shipping-input";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ zones: await listShippingZones(await db()) }));

export const POST = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, zoneInput);
  return json({ zone: await saveZone(null, input, admin.actor) }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"], { admin: true });
