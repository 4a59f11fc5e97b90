// GET /api/admin/orders – the order list: search, filters, sort, keyset pages and counts per status
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseQuery } from "@/lib/http/route";
import { listOrders, orderListQuery } from "@/lib/orders/list-orders";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async ({ request }) => {
  const query = parseQuery(request, orderListQuery);
  return json(await listOrders(await db(), query));
}, { role: "staff" });

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
