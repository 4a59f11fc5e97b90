// GET /api/admin/orders/[id] – one order with its items, history and the actions it allows
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { json } from "@/lib/http/route";
import { getAdminOrderDetail } from "@/lib/orders/admin-order-detail";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute<{ id: string }>(async ({ params }) => {
  const orderId = parseIdParam(params);
  return json(await getAdminOrderDetail(await db(), orderId));
}, { role: "staff" });

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
