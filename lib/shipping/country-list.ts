// The one list of countries the shop can ship to: current ISO 3166-1 alpha-2 codes, named by the
// runtime's CLDR data (Intl.DisplayNames), less the destinations Stripe Checkout cannot ship to.
import { countryName } from "./country-name";

/**
 * Codes CLDR names that are not countries one ships to: groupings (EU, EZ, UN, QO), unknown and
 * private use (ZZ, XA, XB), and ISO's exceptional reservations that duplicate a real country (UK is
 * GB; Ascension and Tristan da Cunha are SH; Clipperton is FR; Diego Garcia is IO; Ceuta, Melilla and
 * the Canary Islands are ES).
 */
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "UK", "AC", "TA", "CP", "DG", "EA", "IC"]);

/**
 * Destinations Stripe Checkout's `shipping_address_collection.allowed_countries` refuses: a checkout
 * session for one of them fails, so no zone may serve them.
 */
export const STRIPE_UNSHIPPABLE = new Set(["AS", "CC", "CU", "CX", "FM", "HM", "IR", "KP", "MH", "MP", "NF", "PW", "SY", "UM", "VI"]);

const regionNames = new Intl.DisplayNames(["en-GB"], { type: "region", fallback: "none" });

/**
 * Whether `code` is a region code in its current form. CLDR still names withdrawn codes (DY is Benin's
 * old code, HV Burkina Faso's, ZR Congo - Kinshasa's, AN the Netherlands Antilles'); Unicode's locale
 * canonicalisation replaces each with its successor, so a code that changes is not current.
 */
function isCurrentCode(code: string): boolean {
  try {
    return new Intl.Locale(Intl.getCanonicalLocales(`und-${code}`)[0]!).region === code;
  } catch {
    return false;
  }
}

let cached: { code: string; name: string }[] | undefined;

/** Every country a shipping zone may serve, by name, each code once. */
export function listCountries(): { code: string; name: string }[] {
  if (cached) return cached;
  const countries: { code: string; name: string }[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (NOT_COUNTRIES.has(code) || STRIPE_UNSHIPPABLE.has(code) || !isCurrentCode(code)) continue;
      const name = regionNames.of(code);
      if (name && name !== code) countries.push({ code, name: countryName(code) });
    }
  }
  cached = countries.sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  return cached;
}

let shippable: Set<string> | undefined;

/**
 * Whether checkout may offer `code`: in the list above. A zone saved before the list was cleaned may
 * still hold a withdrawn code (migration 0014 removed the Stripe-refused ones and the database now
 * refuses them), so what is read from a zone is checked here before a shopper is offered it.
 */
export function isShippableCountry(code: string): boolean {
  shippable ??= new Set(listCountries().map((country) => country.code));
  return shippable.has(code);
}

/** Why a zone cannot serve `code`, or null when it can; names the code, since CLDR names a withdrawn code after its successor (DY is "Benin"). */
export function countryRefusal(code: string): string | null {
  if (STRIPE_UNSHIPPABLE.has(code)) return `${countryName(code)} (${code}): Stripe Checkout cannot ship there.`;
  if (isShippableCountry(code)) return null;
  const name = countryName(code);
  return name === code ? `${code}: not a current country code.` : `${name} (${code}): not a current country code.`;
}
