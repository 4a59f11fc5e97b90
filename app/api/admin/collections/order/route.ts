// POST /api/admin/collections/order – set the order of every collection at once ({ ids }, first shown first)
import { collectionOrderInput } from "@/lib/catalog/collection-input";
import { reorderCollections } from "@/lib/catalog/save-collection";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const POST = adminRoute(async ({ request, admin }) => {
  const { ids } = await parseJson(request, collectionOrderInput);
  return json({ order: await reorderCollections(ids, admin.actor) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
