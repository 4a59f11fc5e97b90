// POST /api/admin/orders/[id]/refund – refund part or all of the payment through the payment provider
import { z } from "zod";
import { REFUND_REASONS } from "@/lib/db/schema";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { json, parseJson } from "@/lib/http/route";
import { refundOrder } from "@/lib/orders/refund-order";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

/** Minor units, as everywhere in the API (1250 is £12.50); lines, when given, must add up to the amount. */
const refundInput = z
  .object({
    amount: z.number().int("Refund a whole number of pence.").positive("Refund more than nothing.").max(100_000_000),
    reason: z.enum(REFUND_REASONS).nullish(),
    note: z.string().trim().max(500, "Keep the note under 500 characters.").nullish(),
    lines: z
      .array(z.object({ orderItemId: z.number().int().positive(), quantity: z.number().int().positive("Refund at least one unit.").max(10_000), restock: z.boolean().default(false) }))
      .max(200)
      .optional(),
  })
  .refine((input) => input.reason !== "other" || Boolean(input.note), { message: "Say why in a note when the reason is Other.", path: ["note"] });

export const POST = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const orderId = parseIdParam(params);
  const input = await parseJson(request, refundInput);
  const { order, refund } = await refundOrder({ orderId, ...input, actor: admin.actor });
  return json({ order, refund });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
