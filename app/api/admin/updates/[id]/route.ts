// GET/PATCH/DELETE /api/admin/updates/[id] – read, edit (partial) or delete a shop update that never went live
import { z } from "zod";
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { getUpdateOrThrow } from "@/lib/updates/list-updates";
import { deleteUpdate, patchUpdate } from "@/lib/updates/save-update";
import { updatePatchInput } from "@/lib/updates/update-input";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const GET = adminRoute<{ id: string }>(async ({ params }) => {
  const { id } = idParam.parse(params);
  return json({ update: await getUpdateOrThrow(await db(), id) });
});

export const PATCH = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const { id } = idParam.parse(params);
  const input = await parseJson(request, updatePatchInput);
  return json({ update: await patchUpdate(id, input, admin.actor) });
});

export const DELETE = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const { id } = idParam.parse(params);
  await deleteUpdate(id, admin.actor);
  return json({ deleted: id });
});

export const { POST, PUT } = methodsNotAllowed(["GET", "PATCH", "DELETE"], { admin: true });
