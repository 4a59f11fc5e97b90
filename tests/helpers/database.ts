// Test helper: a freshly migrated libSQL database file of the test's own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { migrateDatabase } from "@/lib/db/migrate";

export type TestDatabase = { url: string; file: string; dir: string; remove: () => void };

/** Creates and migrates a database file in a new temporary folder. */
export async function createTestDatabase(name = "store"): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "store-test-"));
  const file = path.join(dir, `${name}.db`);
  const url = pathToFileURL(file).href;
  await migrateDatabase({ url });
  return { url, file, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
