// POST /api/admin/inventory/bulk – increment, decrement or set many variants' stock in one transaction, or none
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { bulkAdjustInput, bulkAdjustStock } from "@/lib/inventory/bulk-adjust-stock";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { notifyWaitlistsAfterResponse } from "@/lib/waitlist/notify-after-response";

export const dynamic = "force-dynamic";

export const POST = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, bulkAdjustInput);
  const result = await bulkAdjustStock(input, admin.actor);
  notifyWaitlistsAfterResponse();
  return json(result);
}, { role: "staff" });

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
