// /admin/settings – the general store settings, then notifications and maintenance mode, each with its own form and route.
import type { Metadata } from "next";
import { connection } from "next/server";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { maintenanceViewOf } from "@/lib/maintenance/maintenance-view";
import { getSettings } from "@/lib/settings";
import { GeneralSettingsForm } from "./_components/general-settings-form";
import { notificationSettingsOf } from "@/lib/settings/save-notification-settings";
import { MaintenanceSettings } from "./_components/maintenance-settings";
import { NotificationSettingsForm } from "./_components/notification-settings";

export const metadata: Metadata = { title: "Settings" };

/** Common choices first; the full ISO list after them. */
const COMMON_CURRENCIES = ["GBP", "EUR", "USD"];

export default async function AdminSettingsPage() {
  await requireAdmin();
  await connection();
  const settings = await getSettings(await db());
  const currencies = [...new Set([settings.currency, ...COMMON_CURRENCIES, ...Intl.supportedValuesOf("currency")])];
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Settings</h1>
        <p className="mt-1 text-sm text-stone-600">How the store names itself, its currency, its order numbers, when stock counts as low, how much of one item an order may hold, the logo on its emails, its legal trader details, the home page&apos;s text and the announcement bar.</p>
      </div>
      <GeneralSettingsForm
        initial={{
          storeName: settings.storeName,
          supportEmail: settings.supportEmail,
          currency: settings.currency,
          orderNumberPrefix: settings.orderNumberPrefix,
          lowStockThreshold: settings.lowStockThreshold,
          maxUnitsPerVariant: settings.maxUnitsPerVariant,
          logoUrl: settings.logoUrl,
          traderName: settings.traderName,
          traderAddress: settings.traderAddress,
          traderCompanyNumber: settings.traderCompanyNumber,
          traderVatNumber: settings.traderVatNumber,
          homeHeading: settings.homeHeading,
          homeText: settings.homeText,
          announcementEnabled: settings.announcementEnabled,
          announcementText: settings.announcementText,
          announcementLink: settings.announcementLink,
        }}
        currencies={currencies}
      />

      {/* Notifications: the owner's alerts, with their own form and route (PUT /api/admin/settings/notifications). */}
      <section aria-labelledby="notifications-heading" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="notifications-heading" className="text-lg font-semibold">
          Notifications
        </h2>
        <div className="mt-4">
          <NotificationSettingsForm initial={notificationSettingsOf(settings)} supportEmail={settings.supportEmail} />
        </div>
      </section>

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
