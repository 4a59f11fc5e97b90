// npm run data:export: the whole shop as human-readable JSON files, read from one consistent
// snapshot and streamed to disk page by page.
import "server-only";
import { createClient, type InValue } from "@libsql/client";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getTableColumns } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { ConnectionConfig } from "@/lib/db/client";
import { DEFAULT_SETTINGS } from "@/lib/settings";
import { lastMigration, quoteIdentifier, type SqlExecutor } from "../backup/database-inventory";
import { BundleFileWriter } from "./bundle-file-writer";
import { BUNDLE_FILES, BUNDLE_FORMAT, MANIFEST_FILE, primaryKeyColumns, recordColumns, tableName, type Section } from "./bundle-layout";

/** Rows per keyset page: big enough that a page's few queries and one write are cheap per record. */
const PAGE_SIZE = 1_000;

export type ExportManifest = {
  format: typeof BUNDLE_FORMAT;
  exportedAt: string;
  schemaVersion: string | null;
  money: string;
  files: Record<string, { bytes: number; records: Record<string, number> }>;
};

export type ExportOptions = { source: ConnectionConfig; outDir: string; now?: Date; onProgress?: (message: string) => void };
export type ExportResult = { dir: string; manifest: ExportManifest };

async function count(db: SqlExecutor, table: string): Promise<number> {
  const result = await db.execute(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`);
  return Number(result.rows[0]!.n);
}

/**
 * A column's value as SQLite puts it into the record's JSON: a JSON column as the JSON it holds (as
 * drizzle's JSON.parse would give it). Anything new fails here, before an export writes a different
 * value than the app would read.
 */
function valueSql(column: SQLiteColumn, alias: string): string {
  const name = `${alias}.${quoteIdentifier(column.name)}`;
  switch (column.columnType) {
    case "SQLiteTextJson":
      return `json(${name})`;
    case "SQLiteText":
    case "SQLiteInteger":
    case "SQLiteBoolean":
      return name;
    default:
      throw new Error(`The export does not know how to write a ${column.columnType} column (${column.name})`);
  }
}

const jsonObject = (columns: [string, SQLiteColumn][], alias: string, extra: string[] = []) =>
  `json_object(${[...columns.map(([key, column]) => `'${key}', ${valueSql(column, alias)}`), ...extra].join(", ")})`;

/** drizzle reads a boolean column as `Number(value) === 1`; SQLite hands over the stored integer. */
function booleanFixer(columns: [string, SQLiteColumn][]) {
  const keys = columns.filter(([, column]) => column.columnType === "SQLiteBoolean").map(([key]) => key);
  return (record: Record<string, unknown>) => {
    for (const key of keys) if (record[key] !== null) record[key] = Number(record[key]) === 1;
  };
}

/**
 * The records of one section in primary-key order, each with its children nested, a page at a
 * time. SQLite builds each record (children included) as one JSON text, so the client makes one
 * string per record rather than an object per row with a property per column (most of an
 * export's CPU went there). Tables keyed by an integer id are read in keyset pages, so memory stays
 * flat however many orders there are.
 */
async function* sectionPages(
  db: SqlExecutor,
  section: Section,
  counts: Record<string, number>,
  onRecord: (done: number) => void,
): AsyncGenerator<Record<string, unknown>[]> {
  const table = tableName(section.table);
  const order = primaryKeyColumns(section.table);
  const columns = recordColumns(section.table, section.omit);
  const parentKey = order[0]!;
  const children = (section.children ?? []).map((child) => {
    const childColumns = recordColumns(child.table, [child.parentKey]);
    const parentColumn = getTableColumns(child.table)[child.parentKey]!.name;
    const childOrder = primaryKeyColumns(child.table).map((column) => `c.${quoteIdentifier(column)}`).join(", ");
    return {
      key: child.key,
      counter: `${section.key}.${child.key}`,
      fixBooleans: booleanFixer(childColumns),
      sql: `'${child.key}', (SELECT json_group_array(${jsonObject(childColumns, "c")} ORDER BY ${childOrder}) FROM ${quoteIdentifier(tableName(child.table))} AS c WHERE c.${quoteIdentifier(parentColumn)} = p.${quoteIdentifier(parentKey)})`,
    };
  });
  for (const child of children) counts[child.counter] = 0;
  const fixBooleans = booleanFixer(columns);
  const select = `SELECT ${jsonObject(columns, "p", children.map((child) => child.sql))}, p.${quoteIdentifier(order[0]!)} FROM ${quoteIdentifier(table)} AS p`;
  const isPaged = order.length === 1 && order[0] === "id";
  // No cursor before the first page: a sentinel like -1 takes the column's affinity, so against a
  // text id (uploads) it becomes the string '-1' and silently skips ids that sort below it ('--…', '-0…').
  let lastId: InValue | null = null;
  let done = 0;
  for (;;) {
    const page = await db.execute(
      !isPaged
        ? `${select} ORDER BY ${order.map((column) => `p.${quoteIdentifier(column)}`).join(", ")}`
        : lastId === null
          ? `${select} ORDER BY p.id LIMIT ${PAGE_SIZE}`
          : { sql: `${select} WHERE p.id > ? ORDER BY p.id LIMIT ${PAGE_SIZE}`, args: [lastId] },
    );
    if (page.rows.length === 0) break;
    const records = page.rows.map((row) => {
      const record = JSON.parse(row[0] as string) as Record<string, unknown>;
      fixBooleans(record);
      for (const child of children) {
        const list = record[child.key] as Record<string, unknown>[];
        for (const item of list) child.fixBooleans(item);
        counts[child.counter]! += list.length;
      }
      done += 1;
      onRecord(done);
      return record;
    });
    yield records;
    if (!isPaged || page.rows.length < PAGE_SIZE) break;
    lastId = page.rows[page.rows.length - 1]![1] as InValue;
  }
}

function stamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}

export function defaultExportDir(now: Date = new Date()): string {
  return path.join("exports", stamp(now));
}

async function storeCurrency(db: SqlExecutor): Promise<string> {
  const result = await db.execute("SELECT value FROM site_settings WHERE key = 'currency'");
  const stored = result.rows[0]?.value;
  try {
    const parsed: unknown = typeof stored === "string" ? JSON.parse(stored) : undefined;
    return typeof parsed === "string" && parsed.length === 3 ? parsed : DEFAULT_SETTINGS.currency;
  } catch {
    return DEFAULT_SETTINGS.currency;
  }
}

/**
 * Writes every bundle file and the manifest into `outDir` (which must not hold files already).
 * The files are written into `<outDir>.partial` and renamed at the end, so a folder with the final
 * name is always complete. Same data in, byte-identical files out (only the manifest's time differs).
 */
export async function exportBundle(options: ExportOptions): Promise<ExportResult> {
  const report = options.onProgress ?? (() => undefined);
  const dir = path.resolve(options.outDir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} already holds files; choose a new folder with --out`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const started = Date.now();
  const client = createClient({ url: options.source.url, authToken: options.source.authToken });
  try {
    // One read transaction: every file describes the same moment while the shop keeps writing.
    const tx = await client.transaction("read");
    try {
      const currency = await storeCurrency(tx);
      const manifest: ExportManifest = {
        format: BUNDLE_FORMAT,
        exportedAt: (options.now ?? new Date()).toISOString(),
        schemaVersion: (await lastMigration(tx))?.tag ?? null,
        money: `Amounts are integers in minor units (e.g. 1250 = 12.50 ${currency}); each file or order names its currency.`,
        files: {},
      };
      for (const bundleFile of BUNDLE_FILES) {
        const records: Record<string, number> = {};
        const sections = [];
        for (const section of bundleFile.sections) {
          const total = await count(tx, tableName(section.table));
          const label = `${bundleFile.file}: ${section.key}`;
          report(`${label}: ${total.toLocaleString("en-GB")} records …`);
          sections.push({
            key: section.key,
            pages: sectionPages(tx, section, records, (done) => {
              if (done % 20_000 === 0 && done < total) report(`  ${label}: ${done.toLocaleString("en-GB")} / ${total.toLocaleString("en-GB")}`);
            }),
          });
        }
        const writer = new BundleFileWriter(path.join(partial, bundleFile.file));
        const written = await writer.writeFile(bundleFile.hasCurrency ? { currency } : {}, sections);
        manifest.files[bundleFile.file] = { bytes: written.bytes, records: sortedKeys({ ...written.counts, ...records }) };
      }
      await tx.commit();
      writeFileSync(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      if (existsSync(dir)) rmSync(dir, { recursive: true });
      renameSync(partial, dir);
      const bytes = Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0);
      report(`Exported to ${dir}: ${BUNDLE_FILES.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return { dir, manifest };
    } finally {
      tx.close();
    }
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  } finally {
    client.close();
  }
}

function sortedKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
