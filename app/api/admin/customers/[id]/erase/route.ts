// POST /api/admin/customers/[id]/erase – GDPR erasure: anonymise the customer and their orders, keeping the accounts
import { eraseCustomer } from "@/lib/privacy/erase-customer";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { json } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const POST = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const result = await eraseCustomer({ customerId: parseIdParam(params), actor: admin.actor });
  return json(result);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
