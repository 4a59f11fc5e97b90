// POST /api/admin/orders/[id]/refund – refund part or all of the payment through the payment provider
import { z } from "zod";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { json, parseJson } from "@/lib/http/route";
import { refundOrder } from "@/lib/orders/refund-order";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

/** Minor units, as everywhere in the API (1250 is £12.50). */
const refundInput = z.object({ amount: z.number().int("Refund a whole number of pence.").positive("Refund more than nothing.").max(100_000_000) });

export const POST = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const orderId = parseIdParam(params);
  const { amount } = await parseJson(request, refundInput);
  const { order, refund } = await refundOrder({ orderId, amount, actor: admin.actor });
  return json({ order, refund });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
