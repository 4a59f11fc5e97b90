// GET /api/admin/customers/[id] – one customer with their addresses, orders and totals
import { getCustomerDetail } from "@/lib/customers/customer-detail";
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { json } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute<{ id: string }>(async ({ params }) => {
  return json(await getCustomerDetail(await db(), parseIdParam(params)));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
