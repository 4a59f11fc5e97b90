// PATCH /api/admin/collections/[id] – save a collection and its products in order; GET reads it; DELETE removes it, unlinking its products
import { z } from "zod";
import { db } from "@/lib/db";
import { collectionInput } from "@/lib/catalog/collection-input";
import { getCollectionForEditOrThrow } from "@/lib/catalog/list-admin-collections";
import { deleteCollection, updateCollection } from "@/lib/catalog/save-collection";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const GET = adminRoute<{ id: string }>(async ({ params }) => {
  const { id } = idParam.parse(params);
  return json({ collection: await getCollectionForEditOrThrow(await db(), id) });
});

export const PATCH = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const { id } = idParam.parse(params);
  const input = await parseJson(request, collectionInput);
  return json({ collection: await updateCollection(id, input, admin.actor) });
});

export const DELETE = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const { id } = idParam.parse(params);
  return json({ deleted: await deleteCollection(id, admin.actor) });
});

export const { POST, PUT } = methodsNotAllowed(["GET", "PATCH", "DELETE"], { admin: true });
