// Shipping options for one destination country and one parcel: zone by country, rate by weight band.
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { shippingRates, shippingZoneCountries, shippingZones } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { isShippableCountry } from "./country-list";
import { countryName } from "./country-name";

export type ShippingOption = {
  rateId: number;
  name: string;
  /** What the shopper pays for this option, minor units (0 when the free-shipping threshold is met). */
  amount: number;
  /** The rate's price before the free-shipping threshold, so the page can show "£4.50 → free". */
  regularAmount: number;
  isFree: boolean;
  /** The subtotal at which this rate becomes free, if it ever does. */
  freeOverSubtotal: number | null;
  minDeliveryDays: number;
  maxDeliveryDays: number;
  isTracked: boolean;
};

export type ShippingQuote = { country: string; zoneName: string; weightGrams: number; options: ShippingOption[] };

/** Stripe Checkout accepts at most five shipping options; the cheapest five are offered everywhere. */
export const MAX_SHIPPING_OPTIONS = 5;

/**
 * Prices options for a merchandise subtotal (after discount): a rate is free at or above its
 * `freeOverSubtotal`. Cheapest first, since Stripe preselects the first option; at most five.
 */
export function priceShippingOptions(
  options: readonly ShippingOption[],
  subtotal: number,
): ShippingOption[] {
  // Array sort is stable: options that cost the same keep the owner's order (position) from the query.
  return options
    .map((option) => {
      const isFree = option.freeOverSubtotal !== null && subtotal >= option.freeOverSubtotal;
      return { ...option, isFree, amount: isFree ? 0 : option.regularAmount };
    })
    .sort((a, b) => a.amount - b.amount)
    .slice(0, MAX_SHIPPING_OPTIONS);
}

function describeWeight(grams: number): string {
  return grams < 1000 ? `${grams} g` : `${Number((grams / 1000).toFixed(2))} kg`;
}

/**
 * The rates a parcel of `weightGrams` can go to `country` by, cheapest first (Stripe preselects the
 * first option). One statement. Bands are inclusive at both ends; a null maximum has no limit.
 *
 * Free shipping: the store's "free shipping threshold and the zones it applies to" is modelled per
 * rate as `shipping_rates.free_over_subtotal`, so the threshold can differ by zone (UK only, say)
 * and by service (standard free, tracked not). `subtotal` is the merchandise total after discount.
 *
 * Throws `no_shipping_rate` (422) with a message the shopper can act on when nothing fits.
 */
export async function quoteShipping(
  db: DbOrTx,
  params: { country: string; weightGrams: number; subtotal: number },
): Promise<ShippingQuote> {
  const country = params.country.toUpperCase();
  const place = countryName(country);
  const notServed = () =>
    new AppError("no_shipping_rate", `Sorry, we don't deliver to ${place} yet. Please choose another delivery country.`, { country, reason: "country_not_served" });
  // A code a zone still holds from before the country list was cleaned is not offered (listServedCountries),
  // and Stripe would refuse the session: it is refused here as any unserved country is, before a hold is taken.
  if (!isShippableCountry(country)) throw notServed();
  const rates = await db
    .select({
      zoneName: shippingZones.name,
      rateId: shippingRates.id,
      name: shippingRates.name,
      minWeightGrams: shippingRates.minWeightGrams,
      maxWeightGrams: shippingRates.maxWeightGrams,
      price: shippingRates.price,
      freeOverSubtotal: shippingRates.freeOverSubtotal,
      minDeliveryDays: shippingRates.minDeliveryDays,
      maxDeliveryDays: shippingRates.maxDeliveryDays,
      isTracked: shippingRates.isTracked,
    })
    .from(shippingZoneCountries)
    .innerJoin(shippingZones, eq(shippingZones.id, shippingZoneCountries.zoneId))
    .innerJoin(shippingRates, and(eq(shippingRates.zoneId, shippingZones.id), eq(shippingRates.isActive, true)))
    .where(eq(shippingZoneCountries.country, country))
    .orderBy(asc(shippingRates.position), asc(shippingRates.id));

  if (rates.length === 0) throw notServed();

  const weight = params.weightGrams;
  const fitting = rates.filter((rate) => weight >= rate.minWeightGrams && (rate.maxWeightGrams === null || weight <= rate.maxWeightGrams));
  if (fitting.length === 0) {
    const hasNoLimit = rates.some((rate) => rate.maxWeightGrams === null);
    const heaviest = Math.max(...rates.map((rate) => rate.maxWeightGrams ?? 0));
    if (!hasNoLimit && weight > heaviest) {
      throw new AppError(
        "no_shipping_rate",
        `Your parcel weighs ${describeWeight(weight)}, more than the ${describeWeight(heaviest)} we can send to ${place} in one parcel. Remove some items to bring it under the limit, or split your order.`,
        { country, reason: "over_weight_limit", weightGrams: weight, maxWeightGrams: heaviest },
      );
    }
    throw new AppError(
      "no_shipping_rate",
      `We have no delivery option to ${place} for a ${describeWeight(weight)} parcel. Please change your cart or contact us and we will arrange it.`,
      { country, reason: "no_rate_for_weight", weightGrams: weight },
    );
  }

  const options = fitting.map(
    (rate): ShippingOption => ({
      rateId: rate.rateId,
      name: rate.name,
      amount: rate.price,
      regularAmount: rate.price,
      isFree: false,
      freeOverSubtotal: rate.freeOverSubtotal,
      minDeliveryDays: rate.minDeliveryDays,
      maxDeliveryDays: rate.maxDeliveryDays,
      isTracked: rate.isTracked,
    }),
  );
  return { country, zoneName: rates[0]!.zoneName, weightGrams: weight, options: priceShippingOptions(options, params.subtotal) };
}
