// npm run data:export: the whole shop as human-readable JSON files, read from one consistent
// snapshot and streamed to disk page by page.
import { createClient, type InValue } from "@libsql/client";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getTableColumns } from "drizzle-orm";
import type { ConnectionConfig } from "@/lib/db/client";
import { DEFAULT_SETTINGS } from "@/lib/settings";
import { lastMigration, quoteIdentifier, type SqlExecutor } from "../backup/database-inventory";
import { BundleFileWriter } from "./bundle-file-writer";
import { BUNDLE_FILES, BUNDLE_FORMAT, MANIFEST_FILE, primaryKeyColumns, recordColumns, rowToRecord, tableName, type Section } from "./bundle-layout";

const PAGE_SIZE = 500;

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
 * The records of one section in primary-key order, each with its children nested. Tables keyed by
 * an integer id are read in keyset pages of 500 (children fetched per page by id range), so memory
 * stays flat however many orders there are.
 */
async function* sectionRecords(
  db: SqlExecutor,
  section: Section,
  counts: Record<string, number>,
  onRecord: (done: number) => void,
): AsyncGenerator<Record<string, unknown>> {
  const table = tableName(section.table);
  const order = primaryKeyColumns(section.table);
  const columns = recordColumns(section.table, section.omit);
  const children = (section.children ?? []).map((child) => ({
    key: child.key,
    counter: `${section.key}.${child.key}`,
    table: tableName(child.table),
    parentColumn: getTableColumns(child.table)[child.parentKey]!.name,
    order: primaryKeyColumns(child.table),
    columns: recordColumns(child.table, [child.parentKey]),
  }));
  for (const child of children) counts[child.counter] = 0;
  const isPaged = order.length === 1 && order[0] === "id";
  // No cursor before the first page: a sentinel like -1 takes the column's affinity, so against a
  // text id (uploads) it becomes the string '-1' and silently skips ids that sort below it ('--…', '-0…').
  let lastId: InValue | null = null;
  let done = 0;
  for (;;) {
    const page = await db.execute(
      !isPaged
        ? `SELECT * FROM ${quoteIdentifier(table)} ORDER BY ${order.map(quoteIdentifier).join(", ")}`
        : lastId === null
          ? `SELECT * FROM ${quoteIdentifier(table)} ORDER BY id LIMIT ${PAGE_SIZE}`
          : { sql: `SELECT * FROM ${quoteIdentifier(table)} WHERE id > ? ORDER BY id LIMIT ${PAGE_SIZE}`, args: [lastId] },
    );
    if (page.rows.length === 0) break;
    const first = page.rows[0]!.id as InValue;
    const last = page.rows[page.rows.length - 1]!.id as InValue;
    const nested = new Map<string, Map<unknown, Record<string, unknown>[]>>();
    for (const child of children) {
      const byParent = new Map<unknown, Record<string, unknown>[]>();
      const rows = await db.execute({
        sql: `SELECT * FROM ${quoteIdentifier(child.table)} WHERE ${quoteIdentifier(child.parentColumn)} BETWEEN ? AND ? ORDER BY ${[child.parentColumn, ...child.order].map(quoteIdentifier).join(", ")}`,
        args: [first, last],
      });
      for (const row of rows.rows) {
        const parentId = row[child.parentColumn];
        const list = byParent.get(parentId) ?? [];
        list.push(rowToRecord(row as Record<string, unknown>, child.columns));
        byParent.set(parentId, list);
      }
      nested.set(child.key, byParent);
    }
    for (const row of page.rows) {
      const record = rowToRecord(row as Record<string, unknown>, columns);
      for (const child of children) {
        const list = nested.get(child.key)!.get(row.id) ?? [];
        record[child.key] = list;
        counts[child.counter]! += list.length;
      }
      done += 1;
      onRecord(done);
      yield record;
    }
    if (!isPaged || page.rows.length < PAGE_SIZE) break;
    lastId = last;
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
            records: sectionRecords(tx, section, records, (done) => {
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
