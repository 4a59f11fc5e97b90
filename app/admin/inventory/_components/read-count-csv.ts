// Reads a stock count file (`sku,quantity`) with papaparse: the lines to set, or the problems that stop it.
import Papa from "papaparse";

export type CountLine = { sku: string; quantity: number };

/** The file's lines, or the problems that stop it (each with its line number, header being line 1). */
export function readCountCsv(text: string, maxLines: number): { lines: CountLine[]; problems: string[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const problems: string[] = [];
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes("sku") || !fields.includes("quantity")) return { lines: [], problems: ["The first line must name the columns: sku,quantity."] };
  const seen = new Set<string>();
  const lines: CountLine[] = [];
  for (const [index, row] of parsed.data.entries()) {
    const lineNumber = index + 2;
    // SKUs are stored in capitals; a count typed as "ms-haw" means MS-HAW.
    const sku = (row.sku ?? "").trim().toUpperCase();
    const quantityText = (row.quantity ?? "").trim();
    const quantity = Number(quantityText);
    if (!sku) problems.push(`Line ${lineNumber}: the SKU is missing.`);
    else if (seen.has(sku)) problems.push(`Line ${lineNumber}: ${sku} is listed twice.`);
    else if (quantityText === "" || !Number.isInteger(quantity) || quantity < 0) problems.push(`Line ${lineNumber}: the quantity of ${sku} must be a whole number, zero or more.`);
    else lines.push({ sku, quantity });
    seen.add(sku);
  }
  if (lines.length === 0 && problems.length === 0) problems.push("The file has no lines to apply.");
  if (lines.length > maxLines) problems.push(`The file has ${lines.length} lines; apply at most ${maxLines} at once.`);
  return { lines, problems };
}
