// POST /api/admin/orders/[id]/notes – add an internal note to the order's history
import { z } from "zod";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { json, parseJson } from "@/lib/http/route";
import { addOrderNote } from "@/lib/orders/order-notes";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const noteInput = z.object({ note: z.string().trim().min(1, "Write the note.").max(2000) });

export const POST = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const orderId = parseIdParam(params);
  const { note } = await parseJson(request, noteInput);
  await addOrderNote({ orderId, note, actor: admin.actor });
  return json({ ok: true }, { status: 201 });
}, { role: "staff" });

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
