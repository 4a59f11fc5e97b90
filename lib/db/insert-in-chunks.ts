// Inserts many rows as several multi-row INSERTs: the seeds and the data import load thousands at once.
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { Tx } from "./connection";

type Table = Parameters<Tx["insert"]>[0];
type Prepared = { run: (values: Record<string, unknown>) => Promise<unknown> };
/** The statement and its placeholders' names by row and column, made once with it (a name per value was a string built per value). */
type Template = { prepared: Prepared; names: string[][] };

/**
 * A chunk's INSERT compiled once per transaction, table, set of columns given and number of rows:
 * drizzle building the SQL of every chunk (a call per value) was most of an import's CPU. Each value
 * is a placeholder encoded here exactly as drizzle encodes a value (NULL as NULL, others through the
 * column's mapToDriverValue), so the statement and its arguments are the ones drizzle would send.
 */
const templates = new WeakMap<Tx, Map<string, Template>>();

function template(tx: Tx, table: Table, keys: readonly string[], rowCount: number): Template {
  let forTx = templates.get(tx);
  if (!forTx) {
    forTx = new Map();
    templates.set(tx, forTx);
  }
  const id = `${rowCount}\u0000${keys.join("\u0000")}`;
  const byTable = `${getTableName(table)}\u0000${id}`;
  let found = forTx.get(byTable);
  if (!found) {
    const names = Array.from({ length: rowCount }, (_, row) => keys.map((_key, column) => `r${row}c${column}`));
    const rows = names.map((rowNames) => Object.fromEntries(keys.map((key, column) => [key, sql`${sql.placeholder(rowNames[column]!)}`] as [string, SQL])));
    found = { prepared: tx.insert(table).values(rows as never).prepare() as unknown as Prepared, names };
    forTx.set(byTable, found);
  }
  return found;
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
    const { prepared, names } = template(tx, table, keys, chunk.length);
    const keyColumns = keys.map((key) => columns[key]!);
    const values: Record<string, unknown> = {};
    for (let r = 0; r < chunk.length; r += 1) {
      const row = chunk[r]!;
      const rowNames = names[r]!;
      for (let c = 0; c < keys.length; c += 1) {
        const value = row[keys[c]!];
        values[rowNames[c]!] = value === null ? null : keyColumns[c]!.mapToDriverValue(value);
      }
    }
    await prepared.run(values);
  }
}
