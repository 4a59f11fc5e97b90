// Human names for ISO 3166-1 alpha-2 country codes, from the runtime's own CLDR data (no table to maintain).

const regionNames = new Intl.DisplayNames(["en-GB"], { type: "region", fallback: "code" });

export function countryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    // Intl throws on strings that are not region codes at all; show what the shopper sent.
    return code;
  }
}
