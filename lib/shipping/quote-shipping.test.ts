import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { createShippingZone, createYarnShopShipping } from "@/tests/factories/shipping";
import { listServedCountries } from "./list-served-countries";
import { priceShippingOptions, quoteShipping } from "./quote-shipping";
import { httpStatusOf } from "@/lib/http/errors";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const names = (quote: { options: { name: string }[] }) => quote.options.map((option) => option.name);

describe("shipping by destination country and parcel weight", () => {
  beforeAll(async () => {
    await createYarnShopShipping();
    // A zone whose only rate is switched off serves nobody.
    await createShippingZone({ name: "Paused", countries: ["JP"], rates: [{ name: "Airmail", price: 1200, isActive: false }] });
  });

  it("offers a UK shopper only the UK rates that fit the parcel, cheapest first", async () => {
    const quote = await quoteShipping(await db(), { country: "GB", weightGrams: 300, subtotal: 2000 });
    expect(quote.zoneName).toBe("United Kingdom");
    expect(names(quote)).toEqual(["Royal Mail 2nd Class", "Tracked 24"]);
    expect(quote.options.map((option) => option.amount)).toEqual([350, 695]);
  });

  it("offers a shopper in France the European rates and never a UK rate", async () => {
    const quote = await quoteShipping(await db(), { country: "fr", weightGrams: 300, subtotal: 2000 });
    expect(quote.country).toBe("FR");
    expect(names(quote)).toEqual(["International Standard"]);
    expect(quote.options[0]).toMatchObject({ amount: 895, minDeliveryDays: 3, maxDeliveryDays: 7, isTracked: false });
  });

  it("offers a US shopper only the rest-of-world rates", async () => {
    const quote = await quoteShipping(await db(), { country: "US", weightGrams: 300, subtotal: 20000 });
    expect(names(quote)).toEqual(["International Tracked"]);
    expect(quote.options[0]).toMatchObject({ amount: 1695, isTracked: true, isFree: false });
  });

  it("refuses a country no zone serves with a message naming it", async () => {
    const error = await refusal(quoteShipping(await db(), { country: "BR", weightGrams: 300, subtotal: 2000 }));
    expect(error.code).toBe("no_shipping_rate");
    expect(httpStatusOf(error)).toBe(422);
    expect(error.message).toContain("Brazil");
    expect(error.details).toMatchObject({ country: "BR", reason: "country_not_served" });
  });

  it("treats a zone whose rates are all switched off as not served", async () => {
    const error = await refusal(quoteShipping(await db(), { country: "JP", weightGrams: 300, subtotal: 2000 }));
    expect(error.details).toMatchObject({ reason: "country_not_served" });
    const served = (await listServedCountries(await db())).map((country) => country.code);
    expect(served).not.toContain("JP");
    expect(served).toEqual(expect.arrayContaining(["GB", "FR", "DE", "IE", "NL", "US", "CA", "AU"]));
  });

  it("never offers or quotes a code a zone holds from before the country list was cleaned", async () => {
    // DY is Benin's withdrawn code (CLDR still names it "Benin"); the database lets it stand, Stripe would refuse it.
    await createShippingZone({ name: "Saved long ago", countries: ["DY", "BJ"], rates: [{ name: "Airmail", price: 1500 }] });
    const served = (await listServedCountries(await db())).map((country) => country.code);
    expect(served).toContain("BJ");
    expect(served).not.toContain("DY");
    expect(served.filter((code) => code === "BJ")).toHaveLength(1);

    const error = await refusal(quoteShipping(await db(), { country: "dy", weightGrams: 300, subtotal: 2000 }));
    expect(error.code).toBe("no_shipping_rate");
    expect(httpStatusOf(error)).toBe(422);
    expect(error.details).toEqual({ country: "DY", reason: "country_not_served" });
    // A code Stripe refuses is refused the same way, whatever a zone says.
    expect((await refusal(quoteShipping(await db(), { country: "CU", weightGrams: 300, subtotal: 2000 }))).details).toEqual({ country: "CU", reason: "country_not_served" });
    expect((await quoteShipping(await db(), { country: "BJ", weightGrams: 300, subtotal: 2000 })).options.map((option) => option.name)).toEqual(["Airmail"]);
  });

  it("picks the weight band with inclusive limits at both ends", async () => {
    const read = await db();
    expect(names(await quoteShipping(read, { country: "GB", weightGrams: 500, subtotal: 100 }))).toEqual(["Royal Mail 2nd Class", "Tracked 24"]);
    expect(names(await quoteShipping(read, { country: "GB", weightGrams: 501, subtotal: 100 }))).toEqual(["Royal Mail 2nd Class (large)", "Tracked 24"]);
    expect(names(await quoteShipping(read, { country: "GB", weightGrams: 2000, subtotal: 100 }))).toEqual(["Royal Mail 2nd Class (large)", "Tracked 24"]);
    expect(names(await quoteShipping(read, { country: "DE", weightGrams: 1200, subtotal: 100 }))).toEqual(["International Standard (large)"]);
  });

  it("refuses a parcel heavier than any band with the limit in the message", async () => {
    const error = await refusal(quoteShipping(await db(), { country: "GB", weightGrams: 2001, subtotal: 100 }));
    expect(error.code).toBe("no_shipping_rate");
    expect(error.message).toContain("2 kg");
    expect(error.details).toMatchObject({ reason: "over_weight_limit", weightGrams: 2001, maxWeightGrams: 2000 });
  });

  it("ships free at or above the rate's threshold, and only on the rates that have one", async () => {
    const read = await db();
    const below = await quoteShipping(read, { country: "GB", weightGrams: 300, subtotal: 4999 });
    expect(below.options[0]).toMatchObject({ name: "Royal Mail 2nd Class", amount: 350, isFree: false });
    const at = await quoteShipping(read, { country: "GB", weightGrams: 300, subtotal: 5000 });
    expect(at.options).toEqual([
      expect.objectContaining({ name: "Royal Mail 2nd Class", amount: 0, regularAmount: 350, isFree: true }),
      expect.objectContaining({ name: "Tracked 24", amount: 695, isFree: false }),
    ]);
    // The UK threshold is the UK's: a European order of the same value still pays postage.
    const europe = await quoteShipping(read, { country: "FR", weightGrams: 300, subtotal: 50000 });
    expect(europe.options[0]).toMatchObject({ amount: 895, isFree: false });
  });

  it("re-prices options for a discounted subtotal", async () => {
    const at = await quoteShipping(await db(), { country: "GB", weightGrams: 300, subtotal: 5000 });
    const afterDiscount = priceShippingOptions(at.options, 4500);
    expect(afterDiscount[0]).toMatchObject({ name: "Royal Mail 2nd Class", amount: 350, isFree: false });
  });

  it("offers no more than five options, the cheapest", async () => {
    await createShippingZone({
      name: "Many services",
      countries: ["NZ"],
      rates: [900, 100, 700, 300, 500, 200].map((price) => ({ name: `Service ${price}`, price })),
    });
    const quote = await quoteShipping(await db(), { country: "NZ", weightGrams: 10, subtotal: 100 });
    expect(quote.options.map((option) => option.amount)).toEqual([100, 200, 300, 500, 700]);
  });
});
