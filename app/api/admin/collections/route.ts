// POST /api/admin/collections – create a collection with its products in order; GET lists every collection in shop order
import { db } from "@/lib/db";
import { collectionInput } from "@/lib/catalog/collection-input";
import { listAdminCollections } from "@/lib/catalog/list-admin-collections";
import { createCollection } from "@/lib/catalog/save-collection";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ collections: await listAdminCollections(await db()) }));

export const POST = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, collectionInput);
  return json({ collection: await createCollection(input, admin.actor) }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"], { admin: true });
