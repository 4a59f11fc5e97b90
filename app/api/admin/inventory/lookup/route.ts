// POST /api/admin/inventory/lookup – variants and their stock by SKU, for reviewing a CSV stock count
import { z } from "zod";
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { MAX_BULK_ITEMS } from "@/lib/inventory/bulk-adjust-stock";
import { findVariantsBySku } from "@/lib/inventory/list-inventory";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const lookupInput = z.object({ skus: z.array(z.string().trim().min(1).max(100)).min(1).max(MAX_BULK_ITEMS) });

export const POST = adminRoute(async ({ request }) => {
  const { skus } = await parseJson(request, lookupInput);
  return json({ variants: await findVariantsBySku(await db(), skus) });
}, { role: "staff" });

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
