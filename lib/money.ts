// Money is an integer number of minor units (pence) everywhere; this is the one place it becomes text.

export function formatMoney(minorUnits: number, currency = "GBP", locale = "en-GB"): string {
  if (!Number.isInteger(minorUnits)) throw new Error(`Money must be an integer of minor units, got ${minorUnits}`);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minorUnits / 100);
}
