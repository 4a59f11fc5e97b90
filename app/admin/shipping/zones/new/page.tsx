// /admin/shipping/zones/new – create a shipping zone (its rates are added on the zone's page).
import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { listCountries } from "@/lib/shipping/country-list";
import { listShippingZones } from "@/lib/shipping/list-shipping-zones";
import { ZoneForm } from "../../_components/zone-form";
import { BackLink } from "@/app/admin/_components/back-link";

export const metadata: Metadata = { title: "New shipping zone" };

export default async function NewZonePage() {
  await requireAdmin();
  const zones = await listShippingZones(await db());
  const takenBy = Object.fromEntries(zones.flatMap((zone) => zone.countries.map((country) => [country.code, zone.name])));
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/shipping">← Shipping</BackLink>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">New shipping zone</h1>
      <ZoneForm countries={listCountries()} takenBy={takenBy} />
    </div>
  );
}
