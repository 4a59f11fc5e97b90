// Hot reads compiled once per handle: drizzle builds a query's SQL text afresh on every call, which was the largest share of a cart read's CPU.
import { sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "./connection";

/**
 * `build(db)` once per database handle, then the same prepared query (SQL text and field mapping,
 * built with `sql.placeholder()`s) for every call. Per handle because a prepared query runs on the
 * handle it was built from: a transaction's reads must run in that transaction, so a transaction
 * gets its own (and drops it with the transaction).
 */
export function preparedPerHandle<T>(build: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const prepared = new WeakMap<DbOrTx, T>();
  return (db) => {
    let query = prepared.get(db);
    if (query === undefined) {
      query = build(db);
      prepared.set(db, query);
    }
    return query;
  };
}

/**
 * `column IN (the list)` with the list bound as ONE JSON argument: the same SQL text (one compiled
 * statement) however many values, which a placeholder per value cannot give. Pass the values through jsonList.
 */
export function inJsonList(column: AnySQLiteColumn, placeholder: string): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${sql.placeholder(placeholder)}))`;
}

/** The value for inJsonList's placeholder. */
export function jsonList(values: readonly (number | string)[]): string {
  return JSON.stringify(values);
}
