// PUT /api/admin/settings/notifications – where the owner's alerts go and which of them are sent
import { NextResponse } from "next/server";
import { adminRoute } from "@/lib/http/admin-route";
import { parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { notificationSettingsInput, saveNotificationSettings } from "@/lib/settings/save-notification-settings";

export const dynamic = "force-dynamic";

export const PUT = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, notificationSettingsInput);
  const notifications = await saveNotificationSettings(input, admin.actor);
  return NextResponse.json({ notifications });
});

export const { GET, POST, PATCH, DELETE } = methodsNotAllowed(["PUT"], { admin: true });
