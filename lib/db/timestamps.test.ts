import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "./index";
import { products, sqlNow } from "./schema";

const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Columns every row gets stamped with by SQL when the code does not say otherwise. */
const DEFAULTED = new Set(["created_at", "updated_at", "received_at", "next_attempt_at"]);

type ColumnInfo = { name: string; dflt_value: string | null };

async function timestampColumns() {
  const read = await db();
  const tables = await read.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`,
  );
  const columns: { table: string; column: string; defaultSql: string | null }[] = [];
  for (const { name } of tables) {
    const info = await read.all<ColumnInfo>(sql`SELECT name, dflt_value FROM pragma_table_info(${name})`);
    for (const column of info) if (column.name.endsWith("_at")) columns.push({ table: name, column: column.name, defaultSql: column.dflt_value });
  }
  return columns;
}

describe("timestamps", () => {
  it("gives every created/updated column a SQL-evaluated default, never a literal string", async () => {
    const columns = await timestampColumns();
    expect(columns.length).toBeGreaterThan(30);
    for (const { table, column, defaultSql } of columns) {
      if (DEFAULTED.has(column)) {
        expect(defaultSql, `${table}.${column}`).toBe("strftime('%Y-%m-%dT%H:%M:%fZ','now')");
      } else {
        expect(defaultSql, `${table}.${column} should have no default`).toBeNull();
      }
    }
  });

  it("makes defaults in the same format as JavaScript's toISOString, so they sort correctly against each other", async () => {
    const read = await db();
    for (const { table, column, defaultSql } of await timestampColumns()) {
      if (!defaultSql) continue;
      const before = new Date().toISOString();
      const [row] = await read.all<{ value: string }>(sql.raw(`SELECT (${defaultSql}) AS value`));
      const after = new Date(Date.now() + 1).toISOString();
      expect(row!.value, `${table}.${column}`).toMatch(ISO_MS_UTC);
      expect(new Date(row!.value).toISOString()).toBe(row!.value);
      expect(before <= row!.value && row!.value <= after, `${before} <= ${row!.value} <= ${after}`).toBe(true);
    }
  });

  it("stamps an inserted row by SQL and orders it among rows stamped by JavaScript", async () => {
    const early = new Date(Date.now() - 60_000).toISOString();
    const late = new Date(Date.now() + 60_000).toISOString();
    await writeTransaction(async (tx) => {
      await tx.insert(products).values([
        { slug: "js-early", name: "Early", createdAt: early, updatedAt: early },
        { slug: "js-late", name: "Late", createdAt: late, updatedAt: late },
      ]);
      await tx.insert(products).values({ slug: "sql-now", name: "Now" });
    });
    const read = await db();
    const [stamped] = await read.select().from(products).where(eq(products.slug, "sql-now"));
    expect(stamped!.createdAt).toMatch(ISO_MS_UTC);
    const ordered = await read.select({ slug: products.slug }).from(products).orderBy(products.createdAt);
    expect(ordered.map((row) => row.slug)).toEqual(["js-early", "sql-now", "js-late"]);
    const [window] = await read.all<{ inWindow: number }>(sql`SELECT ${sqlNow} BETWEEN ${early} AND ${late} AS inWindow`);
    expect(window!.inWindow).toBe(1);
  });
});
