// POST /api/admin/products – create a product with its variants (opening stock through the ledger); GET lists products
import { db } from "@/lib/db";
import { adminProductsQuery, listAdminProducts } from "@/lib/catalog/list-admin-products";
import { productInput } from "@/lib/catalog/product-input";
import { createProduct } from "@/lib/catalog/save-product";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson, parseQuery } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async ({ request }) => json(await listAdminProducts(await db(), parseQuery(request, adminProductsQuery))));

export const POST = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, productInput);
  return json({ product: await createProduct(input, admin.actor) }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"], { admin: true });
