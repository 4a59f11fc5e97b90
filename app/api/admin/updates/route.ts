// POST /api/admin/updates – schedule a shop update; GET lists them with their state and units
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { listUpdates } from "@/lib/updates/list-updates";
import { createUpdate } from "@/lib/updates/save-update";
import { updateInput } from "@/lib/updates/update-input";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ updates: await listUpdates(await db()) }));

export const POST = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, updateInput);
  return json({ update: await createUpdate(input, admin.actor) }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"], { admin: true });
