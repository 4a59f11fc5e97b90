// POST /api/admin/updates/[id]/cancel – call off a shop update before it goes live
import { z } from "zod";
import { adminRoute } from "@/lib/http/admin-route";
import { json } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { cancelUpdate } from "@/lib/updates/save-update";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const POST = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const { id } = idParam.parse(params);
  return json({ update: await cancelUpdate(id, admin.actor) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
