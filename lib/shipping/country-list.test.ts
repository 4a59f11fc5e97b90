import { describe, expect, it } from "vitest";
import { zoneInput } from "./shipping-input";
import { addressLines } from "./address-lines";
import { countryRefusal, listCountries, STRIPE_UNSHIPPABLE } from "./country-list";

describe("the one country list", () => {
  const countries = listCountries();
  const codes = countries.map((country) => country.code);

  it("lists each current country once, by name, never a withdrawn code", () => {
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(countries.map((country) => country.name)).size).toBe(countries.length);
    for (const current of ["BJ", "BF", "CD", "CW", "MM", "RS", "GB", "IM", "JE", "GG", "XK"]) expect(codes).toContain(current);
    // Benin (DY), Burkina Faso (HV), Congo - Kinshasa (ZR), Curaçao (AN) and the rest of CLDR's old codes.
    for (const withdrawn of ["DY", "HV", "ZR", "AN", "BU", "CS", "YU", "TP", "SU", "DD", "UK", "AC", "TA", "EU", "ZZ"]) expect(codes).not.toContain(withdrawn);
  });

  it("leaves out what Stripe Checkout cannot ship to, and a zone refuses it by name", () => {
    for (const code of STRIPE_UNSHIPPABLE) expect(codes).not.toContain(code);
    expect(countryRefusal("CU")).toBe("Cuba (CU): Stripe Checkout cannot ship there.");
    // CLDR names a withdrawn code after its successor, so the refusal names the code too.
    expect(countryRefusal("DY")).toBe("Benin (DY): not a current country code.");
    expect(countryRefusal("QQ")).toBe("QQ: not a current country code.");
    expect(countryRefusal("FR")).toBeNull();
    const refused = zoneInput.safeParse({ name: "Caribbean", countries: ["JM", "cu"] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain("Stripe Checkout cannot ship there");
    expect(zoneInput.safeParse({ name: "West Africa", countries: ["BJ", "BF"] }).success).toBe(true);
  });

  it("shows an address's country by name", () => {
    expect(addressLines({ name: "Ada", line1: "1 Mill Lane", city: "Hebden Bridge", postalCode: "HX7 8AB", country: "GB", phone: "01234" })).toEqual([
      "Ada",
      "1 Mill Lane",
      "Hebden Bridge",
      "HX7 8AB",
      "United Kingdom",
    ]);
    expect(addressLines({ name: "Bo", line1: "2 Rue", city: "Cotonou", postalCode: "01", country: "BJ", phone: "0229" }, { withPhone: true }).slice(-2)).toEqual(["Benin", "0229"]);
  });
});
