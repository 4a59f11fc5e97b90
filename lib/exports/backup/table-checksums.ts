// A SHA-256 per table over its rows in primary-key order: two databases with equal checksums hold the same data.
import { createHash } from "node:crypto";
import { listTables, quoteIdentifier, type SqlExecutor } from "./database-inventory";

function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "bigint") return `i:${value}`;
  if (typeof value === "number") return Number.isInteger(value) ? `i:${value}` : `r:${value}`;
  if (value instanceof ArrayBuffer) return `b:${Buffer.from(value).toString("hex")}`;
  return `t:${JSON.stringify(value)}`;
}

export async function tableChecksums(db: SqlExecutor): Promise<Record<string, string>> {
  const checksums: Record<string, string> = {};
  for (const table of (await listTables(db)).sort()) {
    const hash = createHash("sha256");
    const info = await db.execute(`PRAGMA table_info(${quoteIdentifier(table)})`);
    const keys = info.rows
      .filter((column) => Number(column.pk) > 0)
      .sort((a, b) => Number(a.pk) - Number(b.pk))
      .map((column) => quoteIdentifier(String(column.name)));
    const result = await db.execute(`SELECT * FROM ${quoteIdentifier(table)} ORDER BY ${keys.length > 0 ? keys.join(", ") : "rowid"}`);
    hash.update(result.columns.join(","));
    for (const row of result.rows) {
      for (let index = 0; index < result.columns.length; index += 1) hash.update(`${canonical(row[index])}\u0000`);
      hash.update("\n");
    }
    checksums[table] = hash.digest("hex");
  }
  return checksums;
}
