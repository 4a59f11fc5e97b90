// Inserts many rows as several multi-row INSERTs: the seeds and the data import load thousands at once.
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { Tx } from "./connection";

type Table = Parameters<Tx["insert"]>[0];
type Prepared = { run: (values: Record<string, unknown>) => Promise<unknown> };

/**
 * A chunk's INSERT compiled once per transaction, table, set of columns given and number of rows:
 * drizzle building the SQL of every chunk (a call per value) was most of an import's CPU. Each value
 * is a placeholder encoded here exactly as drizzle encodes a value (NULL as NULL, others through the
 * column's mapToDriverValue), so the statement and its arguments are the ones drizzle would send.
 */
const templates = new WeakMap<Tx, Map<string, Prepared>>();

function template(tx: Tx, table: Table, keys: readonly string[], rowCount: number): Prepared {
  let forTx = templates.get(tx);
  if (!forTx) {
    forTx = new Map();
    templates.set(tx, forTx);
  }
  const id = `${rowCount}\u0000${keys.join("\u0000")}`;
  const byTable = `${getTableName(table)}\u0000${id}`;
  let prepared = forTx.get(byTable);
  if (!prepared) {
    const rows = Array.from({ length: rowCount }, (_, row) => Object.fromEntries(keys.map((key, column) => [key, sql`${sql.placeholder(`r${row}c${column}`)}`] as [string, SQL])));
    prepared = tx.insert(table).values(rows as never).prepare() as unknown as Prepared;
    forTx.set(byTable, prepared);
  }
  return prepared;
}

/**
 * The keys every row of the chunk gives a value (not undefined), or null when the rows differ or a
 * value is SQL rather than data (drizzle then builds that chunk itself).
 */
function sharedKeys(rows: readonly Record<string, unknown>[]): string[] | null {
  const keys = Object.keys(rows[0]!).filter((key) => rows[0]![key] !== undefined);
  for (const row of rows) {
    let given = 0;
    for (const key in row) {
      const value = row[key];
      if (value === undefined) continue;
      if (typeof value === "object" && value !== null && "getSQL" in value) return null;
      given += 1;
    }
    if (given !== keys.length || keys.some((key) => row[key] === undefined)) return null;
  }
  return keys;
}

/**
 * `rowsPerInsert` rows per statement keeps each INSERT under SQLite's bound-variable limit (32,766)
 * for the widest table the caller writes. The rows are the table's own insert shape, which the
 * caller built or validated against that table's columns: drizzle's typing is per table, hence the cast.
 */
export async function insertInChunks(tx: Tx, table: Table, rows: readonly unknown[], rowsPerInsert: number): Promise<void> {
  const columns = getTableColumns(table);
  for (let i = 0; i < rows.length; i += rowsPerInsert) {
    const chunk = rows.slice(i, i + rowsPerInsert) as Record<string, unknown>[];
    const keys = sharedKeys(chunk);
    if (!keys || keys.some((key) => !(key in columns))) {
      await tx.insert(table).values(chunk as never);
      continue;
    }
    const values: Record<string, unknown> = {};
    chunk.forEach((row, r) =>
      keys.forEach((key, c) => {
        const value = row[key];
        values[`r${r}c${c}`] = value === null ? null : columns[key]!.mapToDriverValue(value);
      }),
    );
    await template(tx, table, keys, chunk.length).run(values);
  }
}
