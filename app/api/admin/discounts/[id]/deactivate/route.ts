// POST /api/admin/discounts/[id]/deactivate – stop a code applying to new checkouts
import { z } from "zod";
import { deactivateDiscount } from "@/lib/discounts/save-discount";
import { adminRoute } from "@/lib/http/admin-route";
import { json } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const POST = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const { id } = idParam.parse(params);
  return json({ discount: await deactivateDiscount(id, admin.actor) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
