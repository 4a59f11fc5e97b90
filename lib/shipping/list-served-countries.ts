// The countries a shopper may pick at checkout: those in a zone that has at least one active rate.
import { and, eq, exists } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { shippingRates, shippingZoneCountries } from "@/lib/db/schema";
import { isShippableCountry } from "./country-list";
import { countryName } from "./country-name";

export type ServedCountry = { code: string; name: string };

/**
 * One statement. A zone whose rates are all switched off serves nobody, so its countries are left out;
 * so is a code a zone still holds from before the country list was cleaned (a withdrawn one), which
 * Stripe would refuse at payment.
 */
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
    .filter((row) => isShippableCountry(row.code))
    .map((row) => ({ code: row.code, name: countryName(row.code) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}
