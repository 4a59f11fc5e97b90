// /admin/shipping – shipping zones with their countries and weight-banded rates, and a preview of what a shopper sees.
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { getSettings } from "@/lib/settings";
import { listCountries } from "@/lib/shipping/country-list";
import { listShippingZones, type ShippingZoneView } from "@/lib/shipping/list-shipping-zones";
import { ShippingPreview } from "./_components/shipping-preview";
import { weightBand } from "./_components/weight-band";

export const metadata: Metadata = { title: "Shipping" };

/**
 * A code a zone still holds from before the country list was cleaned (a withdrawn one, say) is not
 * offered at checkout: the owner is told which and why, since the zone's name list alone would not say.
 */
function RefusedCountries({ zoneName, countries }: { zoneName: string; countries: ShippingZoneView["countries"] }) {
  const refused = countries.filter((country) => country.refusal !== null);
  if (refused.length === 0) return null;
  return (
    <ul aria-label={`Countries of ${zoneName} not offered at checkout`} className="mx-4 mt-2 space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {refused.map((country) => (
        <li key={country.code}>
          {country.refusal} Not offered at checkout: edit the zone and remove it.
        </li>
      ))}
    </ul>
  );
}

export default async function AdminShippingPage() {
  await requireAdmin();
  const reader = await db();
  const [zones, settings] = await Promise.all([listShippingZones(reader), getSettings(reader)]);
  const money = (minor: number) => formatMoney(minor, settings.currency);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-serif text-2xl font-semibold text-brand-900">Shipping</h1>
          <p className="mt-1 text-sm text-stone-600">A country belongs to one zone; a parcel gets every active rate of its zone whose weight band fits.</p>
        </div>
        <Link href="/admin/shipping/zones/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          New zone
        </Link>
      </div>

      {zones.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">No shipping zones yet: shoppers cannot check out until one has a rate.</p>
      ) : (
        <ul className="space-y-4">
          {zones.map((zone) => (
            <li key={zone.id} data-testid="shipping-zone">
              <section aria-labelledby={`zone-${zone.id}`} className="rounded-lg border border-stone-200 bg-white">
                <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-stone-200 px-4 py-3">
                  <h2 id={`zone-${zone.id}`} className="font-semibold">
                    {zone.name}
                  </h2>
                  <Link href={`/admin/shipping/zones/${zone.id}`} aria-label={`Edit ${zone.name}`} className="text-sm font-medium text-brand-700 underline underline-offset-2">
                    Edit zone and rates
                  </Link>
                </div>
                <p className="px-4 pt-3 text-sm text-stone-700">
                  {zone.countries.length === 0
                    ? "No countries yet."
                    : zone.countries.map((country) => (country.refusal ? `${country.name} (${country.code}, not offered)` : country.name)).join(", ")}
                </p>
                <RefusedCountries zoneName={zone.name} countries={zone.countries} />
                {zone.rates.length === 0 ? (
                  <p className="px-4 py-3 text-sm text-stone-600">No rates: shoppers in these countries cannot check out.</p>
                ) : (
                  <ul className="divide-y divide-stone-100 px-4 py-1 text-sm">
                    {zone.rates.map((rate) => (
                      <li key={rate.id} className="flex flex-wrap justify-between gap-x-4 py-2">
                        <span className="min-w-0">
                          {rate.name}
                          {!rate.isActive ? <span className="ml-2 rounded-full bg-stone-200 px-2 py-0.5 text-xs">Off</span> : null}
                          <span className="block text-stone-600">
                            {weightBand(rate.minWeightGrams, rate.maxWeightGrams)} · {rate.minDeliveryDays}–{rate.maxDeliveryDays} days
                            {rate.isTracked ? " · tracked" : ""}
                          </span>
                        </span>
                        <span className="tabular-nums">
                          {money(rate.price)}
                          {rate.freeOverSubtotal !== null ? <span className="block text-stone-600">free over {money(rate.freeOverSubtotal)}</span> : null}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </li>
          ))}
        </ul>
      )}

      <ShippingPreview countries={listCountries()} currency={settings.currency} />
    </div>
  );
}
