// POST /api/admin/discounts – create a discount code; GET lists them with their uses
import { db } from "@/lib/db";
import { discountInput } from "@/lib/discounts/discount-input";
import { listDiscounts } from "@/lib/discounts/list-discounts";
import { createDiscount } from "@/lib/discounts/save-discount";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ discounts: await listDiscounts(await db()) }));

export const POST = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, discountInput);
  const discount = await createDiscount(input, admin.actor);
  return json({ discount }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"], { admin: true });
