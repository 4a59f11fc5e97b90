// How a rate's weight band reads: "0–1,000 g", "from 1,001 g".

export function weightBand(min: number, max: number | null): string {
  const grams = (value: number) => `${value.toLocaleString("en-GB")} g`;
  return max === null ? `from ${grams(min)}` : `${min.toLocaleString("en-GB")}–${grams(max)}`;
}
