// PUT /api/admin/settings – save the general store settings (name, email, currency, order numbers, stock limits, email logo, trader details, home text, announcement); GET reads them
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { getSettings } from "@/lib/settings";
import { generalSettingsInput, saveGeneralSettings } from "@/lib/settings/save-general-settings";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ settings: await getSettings(await db()) }));

export const PUT = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, generalSettingsInput);
  return json({ settings: await saveGeneralSettings(input, admin.actor) });
});

export const { POST, PATCH, DELETE } = methodsNotAllowed(["GET", "PUT"], { admin: true });
