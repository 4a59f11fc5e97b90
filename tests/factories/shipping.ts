// Test factories for shipping: zones with their countries and weight-banded rates, and the demo shop's shape.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db, writeTransaction } from "@/lib/db";
import { shippingRates, shippingZoneCountries, shippingZones } from "@/lib/db/schema";

const unique = () => randomBytes(5).toString("hex");

export type RateSpec = {
  name: string;
  price: number;
  minWeightGrams?: number;
  maxWeightGrams?: number | null;
  freeOverSubtotal?: number | null;
  minDeliveryDays?: number;
  maxDeliveryDays?: number;
  isTracked?: boolean;
  isActive?: boolean;
  position?: number;
};

export async function createShippingZone(spec: { name?: string; countries: string[]; rates: RateSpec[] }): Promise<{ zoneId: number; rateIds: number[] }> {
  return writeTransaction(async (tx) => {
    const [zone] = await tx
      .insert(shippingZones)
      .values({ name: spec.name ?? `Zone ${unique()}` })
      .returning({ id: shippingZones.id });
    await tx.insert(shippingZoneCountries).values(spec.countries.map((country) => ({ country, zoneId: zone!.id })));
    const rates = spec.rates.length
      ? await tx
          .insert(shippingRates)
          .values(
            spec.rates.map((rate, i) => ({
              zoneId: zone!.id,
              name: rate.name,
              price: rate.price,
              minWeightGrams: rate.minWeightGrams ?? 0,
              maxWeightGrams: rate.maxWeightGrams === undefined ? null : rate.maxWeightGrams,
              freeOverSubtotal: rate.freeOverSubtotal ?? null,
              minDeliveryDays: rate.minDeliveryDays ?? 1,
              maxDeliveryDays: rate.maxDeliveryDays ?? 3,
              isTracked: rate.isTracked ?? false,
              isActive: rate.isActive ?? true,
              position: rate.position ?? i,
            })),
          )
          .returning({ id: shippingRates.id })
      : [];
    return { zoneId: zone!.id, rateIds: rates.map((rate) => rate.id) };
  });
}

/** One rate for a country, adding the country's zone if it has none yet; returns the rate id. */
export async function createShippingRate(options: { country?: string; price?: number; name?: string } = {}): Promise<number> {
  const country = options.country ?? "GB";
  const rate: RateSpec = { name: options.name ?? "Royal Mail Tracked 48", price: options.price ?? 395, minDeliveryDays: 2, maxDeliveryDays: 3, isTracked: true };
  const [zoneCountry] = await (await db()).select().from(shippingZoneCountries).where(eq(shippingZoneCountries.country, country));
  if (!zoneCountry) return (await createShippingZone({ name: `zone-${country}-${unique()}`, countries: [country], rates: [rate] })).rateIds[0]!;
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .insert(shippingRates)
      .values({ zoneId: zoneCountry.zoneId, name: rate.name, price: rate.price, minDeliveryDays: 2, maxDeliveryDays: 3, isTracked: true })
      .returning({ id: shippingRates.id });
    return row!.id;
  });
}

/**
 * The demo shop's shape: UK (free standard over £50), Europe and the rest of the world, each with
 * weight bands up to 2 kg. Returns rate ids by name for assertions.
 */
export async function createYarnShopShipping() {
  const uk = await createShippingZone({
    name: "United Kingdom",
    countries: ["GB"],
    rates: [
      { name: "Royal Mail 2nd Class", price: 350, maxWeightGrams: 500, freeOverSubtotal: 5000, minDeliveryDays: 2, maxDeliveryDays: 4 },
      { name: "Royal Mail 2nd Class (large)", price: 550, minWeightGrams: 501, maxWeightGrams: 2000, freeOverSubtotal: 5000, minDeliveryDays: 2, maxDeliveryDays: 4 },
      { name: "Tracked 24", price: 695, maxWeightGrams: 2000, minDeliveryDays: 1, maxDeliveryDays: 1, isTracked: true },
    ],
  });
  const europe = await createShippingZone({
    name: "Europe",
    countries: ["FR", "DE", "IE", "NL"],
    rates: [
      { name: "International Standard", price: 895, maxWeightGrams: 500, minDeliveryDays: 3, maxDeliveryDays: 7 },
      { name: "International Standard (large)", price: 1495, minWeightGrams: 501, maxWeightGrams: 2000, minDeliveryDays: 3, maxDeliveryDays: 7 },
    ],
  });
  const world = await createShippingZone({
    name: "Rest of the world",
    countries: ["US", "CA", "AU"],
    rates: [
      { name: "International Tracked", price: 1695, maxWeightGrams: 500, minDeliveryDays: 5, maxDeliveryDays: 10, isTracked: true },
      { name: "International Tracked (large)", price: 2895, minWeightGrams: 501, maxWeightGrams: 2000, minDeliveryDays: 5, maxDeliveryDays: 10, isTracked: true },
    ],
  });
  return { uk, europe, world };
}
