// Inserts many rows as several multi-row INSERTs: the seeds and the data import load thousands at once.
import type { Tx } from "./connection";

/**
 * `rowsPerInsert` rows per statement keeps each INSERT under SQLite's bound-variable limit (32,766)
 * for the widest table the caller writes. The rows are the table's own insert shape, which the
 * caller built or validated against that table's columns: drizzle's typing is per table, hence the cast.
 */
export async function insertInChunks(tx: Tx, table: Parameters<Tx["insert"]>[0], rows: readonly unknown[], rowsPerInsert: number): Promise<void> {
  for (let i = 0; i < rows.length; i += rowsPerInsert) {
    await tx.insert(table).values(rows.slice(i, i + rowsPerInsert) as never);
  }
}
