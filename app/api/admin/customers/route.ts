// GET /api/admin/customers – customers with their order count, total spent and first/last order; search and consent filter
import { db } from "@/lib/db";
import { listCustomers, customerListQuery } from "@/lib/customers/list-customers";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseQuery } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async ({ request }) => {
  const query = parseQuery(request, customerListQuery);
  return json(await listCustomers(await db(), query));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
