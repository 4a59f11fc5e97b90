// GET /api/admin/inventory – the inventory table as JSON: search, filters, sort, pages (up to 1,000 rows, the bulk cap)
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseQuery } from "@/lib/http/route";
import { inventoryQuery, listInventory } from "@/lib/inventory/list-inventory";
import { getSettings } from "@/lib/settings";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async ({ request }) => {
  const query = parseQuery(request, inventoryQuery);
  const reader = await db();
  const { lowStockThreshold } = await getSettings(reader);
  return json(await listInventory(reader, query, { lowStockThreshold }));
}, { role: "staff" });

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
