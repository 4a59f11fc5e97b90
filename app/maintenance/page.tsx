// /maintenance – the friendly "back soon" page middleware.ts shows (with 503) while the shop is closed.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { db } from "@/lib/db";
import { maintenanceStateAt } from "@/lib/maintenance/maintenance-state";
import { getSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Back soon", robots: { index: false } };

/**
 * The message is read here rather than passed along in a header, so nobody can put words on the
 * shop's page through a request. Read fresh, it may already say the shop is open again (the
 * middleware's cache lags by up to 5 seconds): then the page says so instead of sending the
 * visitor round in a loop.
 */
export default async function MaintenancePage() {
  await connection();
  const settings = await getSettings(await db());
  const state = maintenanceStateAt(settings, new Date());
  return (
    <main className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-16 text-center">
      <p className="font-serif text-lg font-semibold text-brand-900">{settings.storeName}</p>
      {state.active ? (
        <>
          <h1 className="mt-6 font-serif text-3xl font-semibold text-brand-900">We’ll be back soon</h1>
          <p className="mt-4 whitespace-pre-line text-lg text-stone-700">{state.message}</p>
          <p className="mt-6 text-sm text-stone-600">
            Orders already paid for are safe and will be sent as usual. Questions? Write to{" "}
            <a href={`mailto:${settings.supportEmail}`} className="text-brand-700 underline underline-offset-2">
              {settings.supportEmail}
            </a>
            .
          </p>
        </>
      ) : (
        <>
          <h1 className="mt-6 font-serif text-3xl font-semibold text-brand-900">We’re open</h1>
          <p className="mt-4 text-lg text-stone-700">The shop is open again. Thank you for waiting.</p>
          <Link href="/" className="mt-8 rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-900">
            Go to the shop
          </Link>
        </>
      )}
    </main>
  );
}
