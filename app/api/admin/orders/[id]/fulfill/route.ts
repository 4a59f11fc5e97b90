// POST /api/admin/orders/[id]/fulfill – ship the order (and, with withLinked, its linked orders in one parcel) with a tracking number; a second call corrects it, with no second email
import { z } from "zod";
import { drainAfterResponse } from "@/lib/email-delivery/drain-after-response";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { json, parseJson } from "@/lib/http/route";
import { fulfilOrder } from "@/lib/orders/fulfil-order";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const fulfilInput = z.object({
  carrier: z.string().trim().min(1, "Choose the carrier.").max(60),
  trackingNumber: z.string().trim().min(1, "Enter the tracking number.").max(80),
  trackingUrl: z
    .url({ protocol: /^https?$/, message: "Enter a web address starting with https://." })
    .max(500)
    .nullish()
    .or(z.literal("").transform(() => null)),
  /** One parcel per customer: ship the linked orders still waiting with the same tracking, under one email. */
  withLinked: z.boolean().default(false),
});

export const POST = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const orderId = parseIdParam(params);
  const input = await parseJson(request, fulfilInput);
  const order = await fulfilOrder({ orderId, ...input, actor: admin.actor });
  // The first fulfilment queued the shipping confirmation: send it once the owner has the answer.
  drainAfterResponse();
  return json({ order });
}, { role: "staff" });

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
