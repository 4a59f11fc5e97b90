// Every ISO 3166-1 alpha-2 country the runtime's CLDR data names, for the admin's country picker.
import { countryName } from "./country-name";

/**
 * Codes CLDR names that are not ISO 3166-1 countries one ships to: groupings, unknown, private use,
 * and reservations that duplicate a real code (UK is GB; Canary Islands, Ceuta and Melilla are ES).
 */
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "UK", "CP", "DG", "EA", "IC"]);
const regionNames = new Intl.DisplayNames(["en-GB"], { type: "region", fallback: "none" });

let cached: { code: string; name: string }[] | undefined;

export function listCountries(): { code: string; name: string }[] {
  if (cached) return cached;
  const countries: { code: string; name: string }[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = regionNames.of(code);
      if (name && name !== code) countries.push({ code, name: countryName(code) });
    }
  }
  cached = countries.sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  return cached;
}

export function isKnownCountry(code: string): boolean {
  return listCountries().some((country) => country.code === code);
}
