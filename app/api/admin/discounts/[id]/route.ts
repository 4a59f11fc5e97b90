// PATCH /api/admin/discounts/[id] – edit a discount code (the whole form)
import { z } from "zod";
import { discountInput } from "@/lib/discounts/discount-input";
import { updateDiscount } from "@/lib/discounts/save-discount";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const PATCH = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const { id } = idParam.parse(params);
  const input = await parseJson(request, discountInput);
  return json({ discount: await updateDiscount(id, input, admin.actor) });
});

export const { GET, POST, PUT, DELETE } = methodsNotAllowed(["PATCH"], { admin: true });
