// POST /api/admin/orders/[id]/cancel – cancel the order, optionally putting its stock back (ledger rows `cancellation`)
import { z } from "zod";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { json, parseJson } from "@/lib/http/route";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { notifyWaitlistsAfterResponse } from "@/lib/waitlist/notify-after-response";

export const dynamic = "force-dynamic";

const cancelInput = z.object({ restock: z.boolean().default(false), reason: z.string().trim().max(500).nullish() });

export const POST = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const orderId = parseIdParam(params);
  const input = await parseJson(request, cancelInput);
  const { order, restocked } = await cancelOrder({ orderId, ...input, actor: admin.actor });
  if (input.restock) notifyWaitlistsAfterResponse();
  return json({ order, restocked });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
