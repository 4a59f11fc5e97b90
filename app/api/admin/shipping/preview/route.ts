// GET /api/admin/shipping/preview?country=FR&weight=500&subtotal=0 – the options a shopper there with that parcel would see
import { z } from "zod";
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseQuery } from "@/lib/http/route";
import { previewShipping } from "@/lib/shipping/preview-shipping";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const previewQuery = z.object({
  country: z.string().trim().regex(/^[A-Za-z]{2}$/, "Choose a country."),
  weight: z.coerce.number().int().min(0).max(1_000_000),
  subtotal: z.coerce.number().int().min(0).max(100_000_000).default(0),
});

export const GET = adminRoute(async ({ request }) => {
  const query = parseQuery(request, previewQuery);
  return json(await previewShipping(await db(), { country: query.country.toUpperCase(), weightGrams: query.weight, subtotal: query.subtotal }));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
