// PATCH /api/admin/products/[id] – save a product's details, images, collections and variants
import { z } from "zod";
import { productInput } from "@/lib/catalog/product-input";
import { updateProduct } from "@/lib/catalog/save-product";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const PATCH = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const { id } = idParam.parse(params);
  const input = await parseJson(request, productInput);
  return json({ product: await updateProduct(id, input, admin.actor) });
});

export const { GET, POST, PUT, DELETE } = methodsNotAllowed(["PATCH"], { admin: true });
