// /admin/settings – store settings; refuses anyone but an admin.
import type { Metadata } from "next";
import { connection } from "next/server";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { maintenanceViewOf } from "@/lib/maintenance/maintenance-view";
import { getSettings } from "@/lib/settings";
import { MaintenanceSettings } from "./_components/maintenance-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function AdminSettingsPage() {
  await requireAdmin();
  await connection();
  const settings = await getSettings(await db());
  return (
    <div className="space-y-8">
      <h1 className="font-serif text-2xl font-semibold text-brand-900">Settings</h1>

      {/* Maintenance mode: its own section with its own form and route (PUT /api/admin/settings/maintenance). */}
      <section aria-labelledby="maintenance-heading" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="maintenance-heading" className="text-lg font-semibold">
          Maintenance mode
        </h2>
        <div className="mt-4">
          <MaintenanceSettings initial={maintenanceViewOf(settings)} />
        </div>
      </section>
    </div>
  );
}
