// PUT /api/admin/settings/maintenance – switch maintenance mode, its message and its scheduled window
import { NextResponse } from "next/server";
import { adminRoute } from "@/lib/http/admin-route";
import { parseJson } from "@/lib/http/route";
import { forgetMaintenanceSettings } from "@/lib/maintenance/maintenance-flag";
import { maintenanceSettingsInput, updateMaintenanceSettings } from "@/lib/maintenance/update-maintenance-settings";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const PUT = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, maintenanceSettingsInput);
  const maintenance = await updateMaintenanceSettings({ actor: admin.actor, input });
  // This instance applies the change at once; the others within the cache's 5 seconds.
  forgetMaintenanceSettings();
  return NextResponse.json({ maintenance });
});

export const { GET, POST, PATCH, DELETE } = methodsNotAllowed(["PUT"], { admin: true });
