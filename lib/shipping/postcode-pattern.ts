// Whether a postcode has the shape its country's post uses, for the countries whose shape is simple to state.

/** The UK's, shared by the Crown dependencies (IM, JE, GY), plus the Girobank code and forces' BFPO numbers. */
const UK = /^(?:GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|BFPO ?[0-9]{1,4})$/;

type PostcodeRule = { pattern: RegExp; name: string; example: string };

const UK_RULE: PostcodeRule = { pattern: UK, name: "UK postcode", example: "SW1A 1AA" };

/**
 * Only countries with one pattern and no exceptions worth knowing; any other country's postcode is
 * taken as typed (its post office is the judge). Matched upper-cased with spaces as typed.
 */
const RULES: Record<string, PostcodeRule> = {
  GB: UK_RULE,
  IM: UK_RULE,
  JE: UK_RULE,
  GG: UK_RULE,
  US: { pattern: /^[0-9]{5}(?:-[0-9]{4})?$/, name: "US ZIP code", example: "10118 or 10118-0110" },
  DE: { pattern: /^[0-9]{5}$/, name: "German postcode", example: "10115" },
  FR: { pattern: /^[0-9]{5}$/, name: "French postcode", example: "75001" },
  // Eircode: a routing key (a letter and two digits, or D6W) and a four-character unique identifier.
  IE: { pattern: /^(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$/, name: "Eircode", example: "D02 X285" },
  NL: { pattern: /^[1-9][0-9]{3} ?[A-Z]{2}$/, name: "Dutch postcode", example: "1012 AB" },
  // Canada Post never uses D, F, I, O, Q or U, nor W or Z first.
  CA: { pattern: /^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]$/, name: "Canadian postal code", example: "K1A 0B1" },
  AU: { pattern: /^[0-9]{4}$/, name: "Australian postcode", example: "2000" },
};

/** The message for a postcode of the wrong shape for `country`, or null when it fits (or the country has no rule). */
export function postcodePatternError(country: string, postcode: string): string | null {
  const rule = RULES[country.toUpperCase()];
  if (!rule) return null;
  const typed = postcode.trim().replace(/\s+/g, " ").toUpperCase();
  if (rule.pattern.test(typed)) return null;
  return `Enter a ${rule.name}, for example ${rule.example}.`;
}
