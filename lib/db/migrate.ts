// Applies the generated SQL migrations in drizzle/ to a database (scripts and the test helper call it).
import path from "node:path";
import { migrate } from "drizzle-orm/libsql/migrator";
import { openClient, type ConnectionConfig } from "./client";
import { wrapClient } from "./connection";

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "drizzle");

/** Brings the database at `config` up to the newest migration; safe to run again. */
export async function migrateDatabase(config: ConnectionConfig, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const client = await openClient(config, { concurrency: 1 });
  try {
    await migrate(wrapClient(client), { migrationsFolder });
  } finally {
    client.close();
  }
}
