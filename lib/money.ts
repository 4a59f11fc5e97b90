// Money is an integer number of minor units (pence) everywhere; this is the one place it becomes text.

/** One formatter per locale and currency: building one costs ~50 times what formatting with it does. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(minorUnits: number, currency = "GBP", locale = "en-GB"): string {
  if (!Number.isInteger(minorUnits)) throw new Error(`Money must be an integer of minor units, got ${minorUnits}`);
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, formatter);
  }
  return formatter.format(minorUnits / 100);
}

/** Minor units as a plain decimal (1250 → "12.50"), as CSV cells and structured data (JSON-LD offers) want it. */
export function moneyDecimal(minorUnits: number): string {
  if (!Number.isInteger(minorUnits)) throw new Error(`Money must be an integer of minor units, got ${minorUnits}`);
  const sign = minorUnits < 0 ? "-" : "";
  const abs = Math.abs(minorUnits);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
