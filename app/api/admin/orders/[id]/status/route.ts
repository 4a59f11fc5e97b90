// POST /api/admin/orders/[id]/status – put on hold (with a reason), release a hold, or mark delivered
import { z } from "zod";
import { assertRoleAllows } from "@/lib/auth/roles";
import { ORDER_STATUS_CHANGE_ROLES } from "@/lib/auth/staff-permissions";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { json, parseJson } from "@/lib/http/route";
import { changeOrderStatus, MANUAL_STATUSES } from "@/lib/orders/change-order-status";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const statusInput = z.object({ status: z.enum(MANUAL_STATUSES), reason: z.string().trim().max(500).nullish() });

export const POST = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const orderId = parseIdParam(params);
  const input = await parseJson(request, statusInput);
  // Staff may reach this to mark an order delivered; holds and releases stay the owner's.
  assertRoleAllows(admin, ORDER_STATUS_CHANGE_ROLES[input.status]);
  const order = await changeOrderStatus({ orderId, to: input.status, reason: input.reason, actor: admin.actor });
  return json({ order });
}, { role: "staff" });

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
