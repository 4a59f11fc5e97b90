// CSV for spreadsheets: UTF-8 with a BOM, papaparse quoting, money as decimals, formula cells neutralised.
import Papa from "papaparse";

/** Excel reads a UTF-8 file as Windows-1252 unless it starts with this mark, mangling "Aurélie". */
export const UTF8_BOM = "\uFEFF";

export type CsvCell = string | number | null | undefined;

/**
 * What a spreadsheet may read as the start of a formula: = + - @, tab and carriage return (OWASP's
 * list), line feed and NUL (ASVS), `;` (the cell separator of Excel in many European locales, see
 * csvLines), and the fullwidth and small forms of = + - @, which some spreadsheets take for their
 * ASCII twins.
 */
const FORMULA_START = /^[=+\-@\t\r\n\0;\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;

/**
 * A customer named `=HYPERLINK(…)` would run in the owner's Excel. A leading apostrophe makes the
 * cell text. Only strings are touched: our own numbers (−1.50 would be a legitimate negative) never
 * come from shoppers.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "number" ? String(cell) : neutraliseFormula(cell);
}

/**
 * Excel set to a European locale splits an unquoted line at `;` as well as at commas, so
 * `Ada;=HYPERLINK(…)` would open as two cells, the second a formula: a cell holding `;` is quoted.
 */
const holdsSemicolon = (value: unknown) => typeof value === "string" && value.includes(";");

/**
 * Rows as CSV lines (each ending in CRLF, as RFC 4180 and Excel expect), quoted by papaparse, so a
 * chunk can be appended to a stream after any other chunk.
 */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  if (rows.length === 0) return "";
  return `${Papa.unparse(rows.map((row) => row.map(cellText)), { newline: "\r\n", quotes: holdsSemicolon })}\r\n`;
}

/** `Content-Disposition` for a download with a plain ASCII file name. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\w.\-]/g, "_")}"`;
}
