// The countries a shopper may pick at checkout: those in a zone that has at least one active rate.
import { and, eq, exists } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { shippingRates, shippingZoneCountries } from "@/lib/db/schema";
import { countryName } from "./country-name";

export type ServedCountry = { code: string; name: string };

/** One statement. A zone whose rates are all switched off serves nobody, so its countries are left out. */
export async function listServedCountries(db: DbOrTx): Promise<ServedCountry[]> {
  const rows = await db
    .select({ code: shippingZoneCountries.country })
    .from(shippingZoneCountries)
    .where(
      exists(
        db
          .select({ id: shippingRates.id })
          .from(shippingRates)
          .where(and(eq(shippingRates.zoneId, shippingZoneCountries.zoneId), eq(shippingRates.isActive, true))),
      ),
    );
  return rows
    .map((row) => ({ code: row.code, name: countryName(row.code) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}
