// PATCH /api/admin/shipping/rates/[id] – edit a shipping rate; DELETE removes it
import { z } from "zod";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { deleteRate, updateRate } from "@/lib/shipping/save-shipping";
import { rateInput } from "@/lib/shipping/shipping-input";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const PATCH = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const { id } = idParam.parse(params);
  const input = await parseJson(request, rateInput);
  return json({ rate: await updateRate(id, input, admin.actor) });
});

export const DELETE = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const { id } = idParam.parse(params);
  await deleteRate(id, admin.actor);
  return json({ deleted: id });
});

export const { GET, POST, PUT } = methodsNotAllowed(["PATCH", "DELETE"], { admin: true });
