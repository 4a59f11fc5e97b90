// /admin/shipping/zones/[id] – a zone's name, countries and weight-banded rates.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { getSettings } from "@/lib/settings";
import { listCountries } from "@/lib/shipping/country-list";
import { listShippingZones } from "@/lib/shipping/list-shipping-zones";
import { ConfirmActionButton } from "../../../_components/confirm-action-button";
import { AddRatePanel } from "../../_components/add-rate-panel";
import { RateForm } from "../../_components/rate-form";
import { weightBand } from "../../_components/weight-band";
import { ZoneForm } from "../../_components/zone-form";
import { BackLink } from "@/app/admin/_components/back-link";

export const metadata: Metadata = { title: "Shipping zone" };

export default async function ZonePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const reader = await db();
  const [zones, settings] = await Promise.all([listShippingZones(reader), getSettings(reader)]);
  const zone = zones.find((candidate) => candidate.id === id);
  if (!zone) notFound();
  const takenBy = Object.fromEntries(zones.filter((other) => other.id !== id).flatMap((other) => other.countries.map((country) => [country.code, other.name])));

  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/shipping">← Shipping</BackLink>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="font-serif text-2xl font-semibold text-brand-900">{zone.name}</h1>
        <ConfirmActionButton
          label="Delete zone"
          accessibleLabel={`Delete the zone ${zone.name}`}
          title={`Delete ${zone.name}?`}
          message="Its countries and rates go with it: shoppers there can no longer check out until they are in another zone. Past orders keep their shipping."
          confirmLabel="Delete zone"
          url={`/api/admin/shipping/zones/${zone.id}`}
          method="DELETE"
          redirectTo="/admin/shipping"
        />
      </div>
      <ZoneForm zone={zone} countries={listCountries()} takenBy={takenBy} />

      <section aria-labelledby="rates-heading" className="space-y-3">
        <h2 id="rates-heading" className="text-lg font-semibold">
          Rates
        </h2>
        {zone.rates.length === 0 ? <p className="text-sm text-stone-600">No rates yet.</p> : null}
        {zone.rates.map((rate) => (
          <details key={rate.id} className="rounded-lg border border-stone-200 bg-white">
            <summary className="flex cursor-pointer flex-wrap justify-between gap-2 px-4 py-3">
              <span>
                <span className="font-medium">{rate.name}</span>
                <span className="block text-sm text-stone-600">
                  {weightBand(rate.minWeightGrams, rate.maxWeightGrams)} · {formatMoney(rate.price, settings.currency)}
                  {rate.isActive ? "" : " · off"}
                </span>
              </span>
            </summary>
            <div className="space-y-3 border-t border-stone-200 p-4">
              <RateForm zoneId={zone.id} rate={rate} currency={settings.currency} />
              <ConfirmActionButton
                label="Delete rate"
                accessibleLabel={`Delete the rate ${rate.name}`}
                title={`Delete ${rate.name}?`}
                message="Shoppers will no longer be offered it. Past orders keep their shipping."
                confirmLabel="Delete rate"
                url={`/api/admin/shipping/rates/${rate.id}`}
                method="DELETE"
              />
            </div>
          </details>
        ))}
        <AddRatePanel zoneId={zone.id} currency={settings.currency} startOpen={zone.rates.length === 0} />
      </section>
    </div>
  );
}
