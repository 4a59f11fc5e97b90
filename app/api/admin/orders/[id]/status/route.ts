// POST /api/admin/orders/[id]/status – put on hold (with a reason), release a hold, or mark delivered
import { z } from "zod";
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
  const order = await changeOrderStatus({ orderId, to: input.status, reason: input.reason, actor: admin.actor });
  return json({ order });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
