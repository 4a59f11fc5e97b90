// PATCH /api/admin/pages/[id] – change a page's text, address, visibility or place in the order; GET reads it, DELETE removes it
import { z } from "zod";
import { notFound } from "@/lib/app-error";
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { getPage } from "@/lib/pages/list-pages";
import { pageChange } from "@/lib/pages/page-input";
import { deletePage, updatePage } from "@/lib/pages/save-page";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const GET = adminRoute<{ id: string }>(async ({ params }) => {
  const { id } = idParam.parse(params);
  const page = await getPage(await db(), id);
  if (!page) throw notFound("That page");
  return json({ page });
});

export const PATCH = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const { id } = idParam.parse(params);
  const change = await parseJson(request, pageChange);
  return json({ page: await updatePage(id, change, admin.actor) });
});

export const DELETE = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const { id } = idParam.parse(params);
  await deletePage(id, admin.actor);
  return json({ deleted: true });
});

export const { POST, PUT } = methodsNotAllowed(["GET", "PATCH", "DELETE"], { admin: true });
