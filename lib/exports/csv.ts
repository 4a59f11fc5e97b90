// CSV for spreadsheets: UTF-8 with a BOM, papaparse quoting, money as decimals, formula cells neutralised.
import Papa from "papaparse";

/** Excel reads a UTF-8 file as Windows-1252 unless it starts with this mark, mangling "Aurélie". */
export const UTF8_BOM = "\uFEFF";

export type CsvCell = string | number | null | undefined;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * strip first) as a formula: a customer named `=HYPERLINK(…)` would run in the owner's Excel.
 * A leading apostrophe makes it text. Only strings are touched: our own numbers (−1.50 would be a
 * legitimate negative) never come from shoppers.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Minor units as a plain decimal (1250 → "12.50"), which every spreadsheet reads as a number. */
export function moneyDecimal(minorUnits: number): string {
  if (!Number.isInteger(minorUnits)) throw new Error(`Money must be an integer of minor units, got ${minorUnits}`);
  const sign = minorUnits < 0 ? "-" : "";
  const abs = Math.abs(minorUnits);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "number" ? String(cell) : neutraliseFormula(cell);
}

/**
 * Rows as CSV lines (each ending in CRLF, as RFC 4180 and Excel expect), quoted by papaparse, so a
 * chunk can be appended to a stream after any other chunk.
 */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  if (rows.length === 0) return "";
  return `${Papa.unparse(rows.map((row) => row.map(cellText)), { newline: "\r\n", quotes: false })}\r\n`;
}

/** `Content-Disposition` for a download with a plain ASCII file name. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\w.\-]/g, "_")}"`;
}
