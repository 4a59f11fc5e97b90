// What a database holds: its tables in load order, their row counts and the last applied migration.
import type { InStatement, ResultSet } from "@libsql/client";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openClient } from "@/lib/db/client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/lib/db/migrate";

/** Anything that runs a statement: a client, or a transaction holding one snapshot. */
export type SqlExecutor = { execute(statement: InStatement): Promise<ResultSet> };

export type LastMigration = { tag: string | null; hash: string; appliedAt: string };

export const DRIZZLE_MIGRATIONS_TABLE = "__drizzle_migrations";

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The user tables that hold data (SQLite's own `sqlite_*` tables excluded), parents before children
 * so rows can be inserted with foreign keys enforced; ties and cycles fall back to name order.
 * Virtual tables and their shadow tables (the FTS5 search index and its `catalog_search_*`) are
 * left out: they are derived from the catalog, so a backup carries no copy and a restore rebuilds them.
 */
export async function listTables(db: SqlExecutor): Promise<string[]> {
  const result = await db.execute(
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
  );
  const names = result.rows.map((row) => String(row.name));
  const parents = new Map<string, Set<string>>();
  for (const name of names) {
    const keys = await db.execute(`PRAGMA foreign_key_list(${quoteIdentifier(name)})`);
    parents.set(name, new Set(keys.rows.map((row) => String(row.table)).filter((parent) => parent !== name && names.includes(parent))));
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((name) => !placed.has(name) && [...parents.get(name)!].every((parent) => placed.has(parent)));
    const next = ready.length > 0 ? ready : names.filter((name) => !placed.has(name)).slice(0, 1);
    for (const name of next) {
      ordered.push(name);
      placed.add(name);
    }
  }
  return ordered;
}

/** The virtual tables (the search index): dropping one drops its shadow tables with it. */
export async function listVirtualTables(db: SqlExecutor): Promise<string[]> {
  const result = await db.execute("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'virtual' ORDER BY name");
  return result.rows.map((row) => String(row.name));
}

/** Row count of every user table, keyed by table name in name order (a stable manifest). */
export async function countRows(db: SqlExecutor, tables?: string[]): Promise<Record<string, number>> {
  const names = [...(tables ?? (await listTables(db)))].sort();
  const counts: Record<string, number> = {};
  for (const name of names) {
    const result = await db.execute(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`);
    counts[name] = Number(result.rows[0]!.n);
  }
  return counts;
}

/** Each row of a result as a key compared without its id and timestamps, which differ between two databases migrated apart. */
export function migrationRowKeys(result: ResultSet): string[] {
  const kept = result.columns.flatMap((column, index) => (column === "id" || column.endsWith("_at") ? [] : [[column, index] as const]));
  return result.rows.map((row) => JSON.stringify(kept.map(([column, index]) => [column, row[index]])));
}

let migrationRowsOnce: Promise<Map<string, Set<string>>> | null = null;

/**
 * The rows the migrations write themselves (0008's default content pages), by table. Every freshly
 * migrated database holds them, so they are not the owner's data. Read from a scratch database
 * migrated here, so the migration files stay their one definition.
 */
export function migrationRows(): Promise<Map<string, Set<string>>> {
  migrationRowsOnce ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "store-migration-rows-"));
    try {
      const url = pathToFileURL(path.join(dir, "scratch.db")).href;
      await migrateDatabase({ url });
      const client = await openClient({ url });
      try {
        const rows = new Map<string, Set<string>>();
        for (const [name, count] of Object.entries(await countRows(client))) {
          if (name === DRIZZLE_MIGRATIONS_TABLE || count === 0) continue;
          const result = await client.execute(`SELECT * FROM ${quoteIdentifier(name)}`);
          rows.set(name, new Set(migrationRowKeys(result)));
        }
        return rows;
      } finally {
        client.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return migrationRowsOnce;
}

/**
 * Rows in tables other than drizzle's migration record, leaving out the rows the migrations wrote
 * unchanged: a freshly migrated database counts as empty.
 */
export async function countDataRows(db: SqlExecutor): Promise<number> {
  const counts = await countRows(db);
  const seeded = await migrationRows();
  let total = 0;
  for (const [name, count] of Object.entries(counts)) {
    if (name === DRIZZLE_MIGRATIONS_TABLE || count === 0) continue;
    const own = seeded.get(name);
    if (!own) {
      total += count;
      continue;
    }
    const result = await db.execute(`SELECT * FROM ${quoteIdentifier(name)}`);
    total += migrationRowKeys(result).filter((key) => !own.has(key)).length;
  }
  return total;
}

function journalTags(): Map<number, string> {
  try {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { when: number; tag: string }[] };
    return new Map(journal.entries.map((entry) => [entry.when, entry.tag]));
  } catch {
    return new Map();
  }
}

/** The newest row of drizzle's migration record, named by its tag in drizzle/meta/_journal.json when known. */
export async function lastMigration(db: SqlExecutor): Promise<LastMigration | null> {
  const exists = await db.execute({ sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", args: [DRIZZLE_MIGRATIONS_TABLE] });
  if (exists.rows.length === 0) return null;
  const result = await db.execute(`SELECT hash, created_at FROM ${quoteIdentifier(DRIZZLE_MIGRATIONS_TABLE)} ORDER BY created_at DESC, id DESC LIMIT 1`);
  const row = result.rows[0];
  if (!row) return null;
  const createdAt = Number(row.created_at);
  return { tag: journalTags().get(createdAt) ?? null, hash: String(row.hash), appliedAt: new Date(createdAt).toISOString() };
}

/** `PRAGMA integrity_check` answers one row "ok" for a sound database, else the problems it found. */
export async function integrityProblems(db: SqlExecutor): Promise<string[]> {
  const result = await db.execute("PRAGMA integrity_check");
  const messages = result.rows.map((row) => String(row[0]));
  return messages.length === 1 && messages[0] === "ok" ? [] : messages;
}

