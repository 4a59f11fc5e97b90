// POST /api/admin/pages – create a content page (last in the footer's order); GET lists every page
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { listPages } from "@/lib/pages/list-pages";
import { pageInput } from "@/lib/pages/page-input";
import { createPage } from "@/lib/pages/save-page";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ pages: await listPages(await db()) }));

export const POST = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, pageInput);
  return json({ page: await createPage(input, admin.actor) }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"], { admin: true });
