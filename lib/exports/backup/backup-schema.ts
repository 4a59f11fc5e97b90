// The schema a backup may hold: what this code's own migrations build, up to the migration the backup
// was taken at. A restore compares a backup against it and creates it itself, so a dump or snapshot
// can never bring in a trigger, view, table or column the migrations did not make.
import "server-only";
import { createClient } from "@libsql/client";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/lib/db/migrate";
import { RestoreRefusedError } from "./backup-manifest";
import { DRIZZLE_MIGRATIONS_TABLE, quoteIdentifier, type SqlExecutor } from "./database-inventory";

/** One row of `sqlite_master`, the whole description of a database's schema. */
export type SchemaObject = { type: string; name: string; tblName: string; sql: string | null };

export type MigrationRecord = { hash: string; createdAt: number };

export type ExpectedSchema = {
  /** The migration it was built up to, for messages: `0006_email_claims`. */
  migration: string;
  /** Every `sqlite_master` row, SQLite's own (`sqlite_sequence`, automatic indexes) included. */
  objects: SchemaObject[];
  /** Rows a database may also have without any harm: statistics tables that ANALYZE creates. */
  optional: SchemaObject[];
  /** The CREATE statements a restore runs and a dump must carry: tables, then indexes, in creation order. */
  creates: SchemaObject[];
  /** Each data table's column names: the tables a dump may insert into. */
  columns: Map<string, Set<string>>;
  /** The search index and its shadow tables: made by the CREATE VIRTUAL TABLE, filled by a rebuild, never by a dump. */
  derived: Set<string>;
  /** Tables declared AUTOINCREMENT: the only names `sqlite_sequence` may hold. */
  autoincrement: Set<string>;
  /** What drizzle's `__drizzle_migrations` must hold, oldest first. */
  migrations: MigrationRecord[];
};

const isInternal = (name: string) => name.toLowerCase().startsWith("sqlite_");

/**
 * SQL text compared by its tokens: comments dropped and runs of whitespace made one space outside
 * quotes, so a dump that was re-indented still matches while a changed word, name or literal does not.
 */
export function normaliseSql(sql: string): string {
  let out = "";
  let pendingSpace = false;
  for (let i = 0; i < sql.length; ) {
    const char = sql[i]!;
    if (char === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end;
      pendingSpace = true;
    } else if (char === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 2;
      pendingSpace = true;
    } else if (/\s/.test(char)) {
      pendingSpace = true;
      i += 1;
    } else {
      if (pendingSpace && out !== "") out += " ";
      pendingSpace = false;
      const close = char === "'" ? "'" : char === '"' ? '"' : char === "`" ? "`" : char === "[" ? "]" : null;
      if (close === null) {
        out += char;
        i += 1;
      } else {
        // A quoted part is copied as it is; a doubled closing quote stays inside it.
        let end = i + 1;
        for (;;) {
          const next = sql.indexOf(close, end);
          if (next === -1) {
            end = sql.length;
            break;
          }
          if (close !== "]" && sql[next + 1] === close) {
            end = next + 2;
            continue;
          }
          end = next + 1;
          break;
        }
        out += sql.slice(i, end);
        i = end;
      }
    }
  }
  return out;
}

/** The parts of a CREATE statement between its outermost parentheses, split at top-level commas. */
function definitionParts(sql: string): string[] {
  const text = normaliseSql(sql);
  const open = text.indexOf("(");
  if (open === -1) return [text];
  const parts: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | null = null;
  for (let i = open; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"' || char === "`") quote = char;
    else if (char === "[") quote = "]";
    else if (char === "(") depth += 1;
    else if (char === ")") {
      depth -= 1;
      if (depth === 0) {
        parts.push(text.slice(start, i).trim());
        if (text.slice(i + 1).trim()) parts.push(text.slice(i + 1).trim());
        return parts;
      }
    } else if (char === "," && depth === 1) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return [text];
}

/** How an object's CREATE statement differs from the migrations': the column or clause added or lost. */
export function describeSqlChange(expectedSql: string, actualSql: string): string {
  const expected = definitionParts(expectedSql);
  const actual = definitionParts(actualSql);
  const added = actual.filter((part) => !expected.includes(part));
  const lost = expected.filter((part) => !actual.includes(part));
  const shown = [...added.map((part) => `has \`${part}\``), ...lost.map((part) => `lacks \`${part}\``)];
  return shown.length > 0 ? shown.join(", ") : `reads \`${normaliseSql(actualSql).slice(0, 200)}\``;
}

const objectKey = (object: Pick<SchemaObject, "type" | "name">) => `${object.type} ${object.name}`;
const describeObject = (object: SchemaObject) =>
  object.type === "table" || object.tblName === object.name ? `${object.type} "${object.name}"` : `${object.type} "${object.name}" on "${object.tblName}"`;

/**
 * The differences between a database's `sqlite_master` and the expected one, each named: an extra
 * trigger, a missing index, a table whose columns were altered. Empty when they are the same.
 */
export function schemaDifferences(expected: ExpectedSchema, actual: SchemaObject[]): string[] {
  const wanted = new Map(expected.objects.map((object) => [objectKey(object), object]));
  const allowed = new Map(expected.optional.map((object) => [objectKey(object), object]));
  const found = new Map<string, SchemaObject>();
  const problems: string[] = [];
  for (const object of actual) {
    const key = objectKey(object);
    if (found.has(key)) problems.push(`a second ${describeObject(object)}`);
    found.set(key, object);
    const match = wanted.get(key) ?? allowed.get(key);
    if (!match) {
      problems.push(`an extra ${describeObject(object)}${object.sql ? `: \`${normaliseSql(object.sql).slice(0, 200)}\`` : ""}`);
    } else if (match.tblName !== object.tblName) {
      problems.push(`${describeObject(object)} belongs to "${object.tblName}" instead of "${match.tblName}"`);
    } else if ((match.sql === null) !== (object.sql === null) || (match.sql !== null && normaliseSql(match.sql) !== normaliseSql(object.sql!))) {
      problems.push(`an altered ${describeObject(object)}: ${describeSqlChange(match.sql ?? "", object.sql ?? "")}`);
    }
  }
  for (const object of expected.objects) {
    if (!found.has(objectKey(object))) problems.push(`no ${describeObject(object)}`);
  }
  return problems;
}

/** A database's whole `sqlite_master`, in creation order. */
export async function readSchema(db: SqlExecutor): Promise<SchemaObject[]> {
  const result = await db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid");
  return result.rows.map((row) => ({
    type: String(row.type),
    name: String(row.name),
    tblName: String(row.tbl_name),
    sql: row.sql === null ? null : String(row.sql),
  }));
}

/** Differences between a database's migration record and the one the migrations would write. */
export async function migrationRecordProblems(db: SqlExecutor, expected: ExpectedSchema): Promise<string[]> {
  const result = await db.execute(`SELECT hash, created_at FROM ${quoteIdentifier(DRIZZLE_MIGRATIONS_TABLE)} ORDER BY created_at, id`);
  const actual = result.rows.map((row) => `${String(row.hash)}@${Number(row.created_at)}`);
  const wanted = expected.migrations.map((record) => `${record.hash}@${record.createdAt}`);
  if (actual.join() === wanted.join()) return [];
  return [`${DRIZZLE_MIGRATIONS_TABLE} lists ${actual.length} migrations that are not the ${wanted.length} of drizzle/ up to ${expected.migration}`];
}

type JournalEntry = { tag: string; when: number };

function journal(folder: string): { version: string; dialect: string; entries: JournalEntry[] } {
  return JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as ReturnType<typeof journal>;
}

const built = new Map<number, Promise<ExpectedSchema>>();

/** Runs the first `count` migrations of drizzle/ on a scratch database and describes what they made. */
async function buildExpectedSchema(count: number): Promise<ExpectedSchema> {
  const source = journal(MIGRATIONS_FOLDER);
  const entries = source.entries.slice(0, count);
  const scratch = mkdtempSync(path.join(tmpdir(), "store-expected-schema-"));
  try {
    // A migrations folder holding only the first `count` migrations: drizzle applies every one it lists.
    const folder = path.join(scratch, "drizzle");
    mkdirSync(path.join(folder, "meta"), { recursive: true });
    writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...source, entries }));
    for (const entry of entries) copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
    const url = pathToFileURL(path.join(scratch, "expected.db")).href;
    await migrateDatabase({ url }, folder);

    const client = createClient({ url });
    try {
      const objects = await readSchema(client);
      // ANALYZE adds statistics tables; a database that was analysed is still the migrations' schema.
      await client.execute("ANALYZE");
      const known = new Set(objects.map(objectKey));
      const optional = (await readSchema(client)).filter((object) => !known.has(objectKey(object)));
      const kinds = await client.execute("SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('virtual', 'shadow')");
      const derived = new Set(kinds.rows.map((row) => String(row.name)));
      const shadows = new Set(kinds.rows.filter((row) => row.type === "shadow").map((row) => String(row.name)));
      const columns = new Map<string, Set<string>>();
      const autoincrement = new Set<string>();
      for (const object of objects) {
        if (object.type !== "table" || isInternal(object.name) || derived.has(object.name)) continue;
        const info = await client.execute({ sql: "SELECT name FROM pragma_table_xinfo(?)", args: [object.name] });
        columns.set(object.name, new Set(info.rows.map((row) => String(row.name))));
        if (/\bAUTOINCREMENT\b/i.test(object.sql ?? "")) autoincrement.add(object.name);
      }
      // A virtual table's CREATE makes its shadow tables itself; creating them again would fail.
      const creates = [
        ...objects.filter((object) => object.type === "table" && object.sql !== null && !isInternal(object.name) && !shadows.has(object.name)),
        ...objects.filter((object) => object.type !== "table" && object.sql !== null && !isInternal(object.name)),
      ];
      const migrations = readMigrationFiles({ migrationsFolder: folder }).map((migration) => ({ hash: migration.hash, createdAt: migration.folderMillis }));
      return { migration: entries.at(-1)?.tag ?? "(none)", objects, optional, creates, columns, derived, autoincrement, migrations };
    } finally {
      client.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The schema this code's migrations build up to the one a backup's manifest names (by drizzle's
 * hash of it). Only this code's own migrations are ever run, so a forged manifest can at most pick
 * an older genuine schema, which the backup must then match exactly.
 */
export function expectedSchemaAt(lastMigrationHash: string | null): Promise<ExpectedSchema> {
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const count = known.findIndex((migration) => migration.hash === lastMigrationHash) + 1;
  if (count === 0) {
    throw new RestoreRefusedError(
      lastMigrationHash === null
        ? "The backup records no applied migration, so it is not a backup of this shop's database"
        : `The backup was taken at a migration this code's drizzle/ folder does not have (hash ${lastMigrationHash.slice(0, 12)}…): restore it with the version of the shop that made it`,
    );
  }
  let schema = built.get(count);
  if (!schema) {
    schema = buildExpectedSchema(count);
    built.set(count, schema);
    schema.catch(() => built.delete(count));
  }
  return schema;
}
