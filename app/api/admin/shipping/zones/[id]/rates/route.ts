// POST /api/admin/shipping/zones/[id]/rates – add a weight-banded rate to a zone
import { z } from "zod";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { createRate } from "@/lib/shipping/save-shipping";
import { rateInput } from "@/lib/shipping/shipping-input";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const POST = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const { id } = idParam.parse(params);
  const input = await parseJson(request, rateInput);
  return json({ rate: await createRate(id, input, admin.actor) }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
