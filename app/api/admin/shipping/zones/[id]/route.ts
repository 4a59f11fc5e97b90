// PATCH /api/admin/shipping/zones/[id] – rename a zone and replace its countries; DELETE removes it with its rates
import { z } from "zod";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { deleteZone, saveZone } from "@/lib/shipping/save-shipping";
import { zoneInput } from "@/lib/shipping/shipping-input";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const PATCH = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const { id } = idParam.parse(params);
  const input = await parseJson(request, zoneInput);
  return json({ zone: await saveZone(id, input, admin.actor) });
});

export const DELETE = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const { id } = idParam.parse(params);
  await deleteZone(id, admin.actor);
  return json({ deleted: id });
});

export const { GET, POST, PUT } = methodsNotAllowed(["PATCH", "DELETE"], { admin: true });
