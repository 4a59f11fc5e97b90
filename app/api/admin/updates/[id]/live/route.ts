// GET /api/admin/updates/[id]/live – the live view's figures, polled every few seconds during an update
import { z } from "zod";
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { getUpdateLiveView } from "@/lib/updates/update-live-view";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.coerce.number().int().positive() });

export const GET = adminRoute<{ id: string }>(async ({ params }) => {
  const { id } = idParam.parse(params);
  return json(await getUpdateLiveView(await db(), id), { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
