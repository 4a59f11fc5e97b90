// The admin's view of shipping: every zone with its countries and rates, in three statements.
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { shippingRates, shippingZoneCountries, shippingZones } from "@/lib/db/schema";
import { countryRefusal } from "./country-list";
import { countryName } from "./country-name";

export type ShippingRateRow = typeof shippingRates.$inferSelect;
export type ShippingZoneView = {
  id: number;
  name: string;
  /** `refusal` says why checkout does not offer a country the zone holds (a code saved before the list was cleaned), else null. */
  countries: { code: string; name: string; refusal: string | null }[];
  rates: ShippingRateRow[];
};

export async function listShippingZones(db: DbOrTx): Promise<ShippingZoneView[]> {
  const [zones, countries, rates] = await Promise.all([
    db.select().from(shippingZones).orderBy(asc(shippingZones.position), asc(shippingZones.name)),
    db.select().from(shippingZoneCountries),
    db.select().from(shippingRates).orderBy(asc(shippingRates.position), asc(shippingRates.minWeightGrams), asc(shippingRates.id)),
  ]);
  return zones.map((zone) => ({
    id: zone.id,
    name: zone.name,
    countries: countries
      .filter((row) => row.zoneId === zone.id)
      .map((row) => ({ code: row.country, name: countryName(row.country), refusal: countryRefusal(row.country) }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB")),
    rates: rates.filter((rate) => rate.zoneId === zone.id),
  }));
}

export async function getShippingZone(db: DbOrTx, zoneId: number): Promise<ShippingZoneView | null> {
  const [zone] = await db.select({ id: shippingZones.id }).from(shippingZones).where(eq(shippingZones.id, zoneId));
  if (!zone) return null;
  return (await listShippingZones(db)).find((candidate) => candidate.id === zoneId) ?? null;
}
