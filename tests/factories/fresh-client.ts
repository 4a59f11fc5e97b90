// Reads test results through a database client of their own, never the app's handles.
import { sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { wrapClient, type Db } from "@/lib/db";
import { openClient } from "@/lib/db/client";

/**
 * A second client on the test's database file: a write that only "succeeded" on the app's broken
 * connection (libsql-client-ts #352) would still show there, never here.
 */
export async function withFreshClient<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const client = await openClient({ url: process.env.DATABASE_URL! });
  try {
    return await read(wrapClient(client));
  } finally {
    client.close();
  }
}

export async function countRows(db: Db, table: SQLiteTable): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)` }).from(table);
  return Number(row?.count ?? 0);
}
