// npm run data:import: loads an export into an empty database in one write transaction, keeping
// ids, order numbers and timestamps; any bad record rolls everything back.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { rebuildSearchIndex } from "@/lib/catalog/search-index";
import { writeTransaction, type Tx } from "@/lib/db";
import { connectionConfig } from "@/lib/db/connection";
import { insertInChunks } from "@/lib/db/insert-in-chunks";
import { migrateDatabase } from "@/lib/db/migrate";
import { contentPages, emailOutbox, shippingZoneCountries } from "@/lib/db/schema";
import { STRIPE_UNSHIPPABLE } from "@/lib/shipping/country-list";
import { migrationRowKeys, migrationRows } from "../backup/database-inventory";
import { BundleFileError, readBundleFile } from "./bundle-file-reader";
import { BUNDLE_FILES, BUNDLE_FORMAT, MANIFEST_FILE, sectionSchema, tableName, type Section } from "./bundle-layout";

const RECORDS_PER_FLUSH = 250;
const ROWS_PER_INSERT = 200;

export class ImportRefusedError extends Error {}

const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  exportedAt: z.string(),
  schemaVersion: z.string().nullable(),
  files: z.record(z.string(), z.object({ bytes: z.number(), records: z.record(z.string(), z.number().int().nonnegative()) })),
});

export type ImportOptions = { dir: string; onProgress?: (message: string) => void };
export type ImportResult = { records: Record<string, Record<string, number>> };

function readManifest(dir: string) {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new BundleFileError(file, `missing: ${dir} is not an export folder`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new BundleFileError(file, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BundleFileError(file, `not an export manifest: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(record)"}: ${issue.message}`)
    .join("; ");
}

/** Rows were validated against this table's own column list (bundle-layout.ts). */
const insertRows = (tx: Tx, table: SQLiteTable, rows: Record<string, unknown>[]) => insertInChunks(tx, table, rows, ROWS_PER_INSERT);

/**
 * An export carries email metadata without bodies; a pending one must never be sent empty after
 * the import, so it arrives as failed with the reason, visible in admin.
 */
function completeRow(table: SQLiteTable, row: Record<string, unknown>): Record<string, unknown> {
  if (table !== emailOutbox) return row;
  const completed = { ...row, html: "", text: "" };
  if (row.status === "pending") return { ...completed, status: "failed", lastError: "Imported from an export without its body; not sent" };
  return completed;
}

/**
 * An export made before migration 0014 may give a shipping zone a country Stripe Checkout refuses:
 * the migration removed those from databases and the database now refuses them, so the import
 * leaves them out too, and says so, rather than refusing the whole export.
 */
function keptChildRows(table: SQLiteTable, rows: Record<string, unknown>[], report: (message: string) => void): Record<string, unknown>[] {
  if (table !== shippingZoneCountries) return rows;
  return rows.filter((row) => {
    if (!STRIPE_UNSHIPPABLE.has(String(row.country))) return true;
    report(`  shipping.json: left out ${String(row.country)} from shipping zone ${String(row.zoneId)}: Stripe Checkout cannot ship there.`);
    return false;
  });
}

/** Buffers one section's validated records and writes them with their children, parents first. */
function sectionLoader(tx: Tx, file: string, section: Section, report: (message: string) => void) {
  const buffer: Record<string, unknown>[] = [];
  let written = 0;
  return {
    /** Buffers a record; true when the buffer is full and should be flushed (no promise per record). */
    add: (record: Record<string, unknown>) => buffer.push(record) >= RECORDS_PER_FLUSH,
    flush: () => flush(),
  };
  async function flush() {
    if (buffer.length === 0) return;
    try {
      await write();
    } catch (error) {
      // A constraint (unique id, foreign key, CHECK) refused one of these records: say which ones.
      const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new BundleFileError(file, `${section.key} records ${written + 1}–${written + buffer.length} were refused by the database: ${message}`);
    }
    written += buffer.length;
    buffer.length = 0;
  }
  async function write() {
    const childKeys = new Set((section.children ?? []).map((child) => child.key));
    const parents = buffer.map((record) => completeRow(section.table, Object.fromEntries(Object.entries(record).filter(([key]) => !childKeys.has(key)))));
    await insertRows(tx, section.table, parents);
    for (const child of section.children ?? []) {
      const rows = buffer.flatMap((record) =>
        (record[child.key] as Record<string, unknown>[]).map((childRecord) => ({ ...childRecord, [child.parentKey]: record.id })),
      );
      await insertRows(tx, child.table, keptChildRows(child.table, rows, report));
    }
  }
}

/** Empty but for the rows the migrations wrote unchanged (the default content pages). */
async function assertEmpty(tx: Tx): Promise<void> {
  const tables = await tx.all<{ name: string }>(
    // Data tables only: an empty search index still holds its FTS5 bookkeeping rows.
    sql`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name != '__drizzle_migrations' ORDER BY name`,
  );
  const seeded = await migrationRows();
  for (const { name } of tables) {
    const table = `"${name.replaceAll('"', '""')}"`;
    const own = seeded.get(name);
    const found = own
      ? migrationRowKeys(await tx.run(sql.raw(`SELECT * FROM ${table}`))).some((key) => !own.has(key))
      : Boolean((await tx.all<{ found: number }>(sql.raw(`SELECT EXISTS (SELECT 1 FROM ${table}) AS found`)))[0]?.found);
    if (found) {
      throw new ImportRefusedError(`The database is not empty (table ${name} has rows). Import only into an empty database: point DATABASE_URL at a new one.`);
    }
  }
}

/**
 * The plain (non-unique) indexes of the tables the bundle loads, dropped before the load and built
 * again after it: SQLite builds an index from sorted rows far faster than it keeps one up to date
 * through a million single inserts. Unique indexes stay, so a duplicate is still refused at the
 * record that brings it. Dropped and rebuilt inside the import's one transaction: an import that
 * fails or crashes rolls back to the migrated database with every index in place.
 */
async function dropPlainIndexes(tx: Tx): Promise<string[]> {
  const tables = BUNDLE_FILES.flatMap((file) => file.sections.flatMap((section) => [section.table, ...(section.children ?? []).map((child) => child.table)])).map(tableName);
  const indexes = await tx.all<{ name: string; sql: string }>(
    sql`SELECT m.name, m.sql FROM sqlite_master AS m JOIN pragma_index_list(m.tbl_name) AS i ON i.name = m.name
        WHERE m.type = 'index' AND m.sql IS NOT NULL AND i."unique" = 0 AND i.origin = 'c' AND m.tbl_name IN (${sql.join(tables.map((table) => sql`${table}`), sql`, `)})
        ORDER BY m.name`,
  );
  for (const index of indexes) await tx.run(sql.raw(`DROP INDEX "${index.name.replaceAll('"', '""')}"`));
  return indexes.map((index) => index.sql);
}

/**
 * The page cache for the load: with SQLite's default (2 MB) a million-row transaction spills dirty
 * pages to the journal again and again before it commits. Per connection, set back afterwards.
 */
const IMPORT_CACHE_KIB = 256 * 1024;

/** Everything the import writes, in load order, inside the caller's transaction. */
async function loadBundle(tx: Tx, dir: string, manifest: z.infer<typeof manifestSchema>, report: (message: string) => void) {
  const deferredIndexes = await dropPlainIndexes(tx);
  // An export that carries pages replaces the migration's default ones (an older export keeps them).
  if (Object.values(manifest.files).some((file) => "pages" in file.records)) await tx.delete(contentPages);
  const seen: Record<string, Record<string, number>> = {};
  for (const bundleFile of BUNDLE_FILES) {
    const file = path.join(dir, bundleFile.file);
    const sections = new Map(bundleFile.sections.map((section) => [section.key, { section, schema: sectionSchema(section), loader: sectionLoader(tx, file, section, report) }]));
    const counts: Record<string, number> = {};
    report(`${bundleFile.file} …`);
    for await (const item of readBundleFile(file)) {
      if (item.type === "header") continue;
      const entry = sections.get(item.section);
      if (!entry) throw new BundleFileError(file, `unknown list "${item.section}" (expected ${[...sections.keys()].join(", ")})`);
      if (item.type === "section-end") {
        await entry.loader.flush();
        continue;
      }
      const parsed = entry.schema.safeParse(item.value);
      if (!parsed.success) {
        const id = typeof item.value === "object" && item.value !== null && "id" in item.value ? ` (id ${String((item.value as { id: unknown }).id)})` : "";
        const where = item.line > 0 ? `, line ${item.line}` : "";
        throw new BundleFileError(file, `${item.section} record ${item.index}${id}${where}: ${describeIssues(parsed.error)}`);
      }
      const record = parsed.data as Record<string, unknown>;
      counts[item.section] = (counts[item.section] ?? 0) + 1;
      for (const child of entry.section.children ?? []) {
        const key = `${item.section}.${child.key}`;
        counts[key] = (counts[key] ?? 0) + (record[child.key] as unknown[]).length;
      }
      if (entry.loader.add(record)) await entry.loader.flush();
      if (item.index % 20_000 === 0) report(`  ${bundleFile.file}: ${item.index.toLocaleString("en-GB")} ${item.section}`);
    }
    for (const { loader } of sections.values()) await loader.flush();
    const expected = manifest.files[bundleFile.file]?.records ?? {};
    for (const key of new Set([...Object.keys(expected), ...Object.keys(counts)])) {
      if ((expected[key] ?? 0) !== (counts[key] ?? 0)) {
        throw new BundleFileError(file, `holds ${counts[key] ?? 0} ${key} but the manifest lists ${expected[key] ?? 0} (truncated or edited?)`);
      }
    }
    seen[bundleFile.file] = counts;
  }
  for (const statement of deferredIndexes) await tx.run(sql.raw(statement));
  const problems = await tx.all(sql`PRAGMA foreign_key_check`);
  if (problems.length > 0) throw new Error(`The imported data has ${problems.length} broken references (PRAGMA foreign_key_check)`);
  // The bundle holds no search index: it is built from the imported catalog, in the same transaction.
  await rebuildSearchIndex(tx);
  return seen;
}

/**
 * Writes rows straight into every table rather than through each domain's writer: it loads history
 * that already happened (its events and ledger rows are in the files) into an empty database, where
 * replaying live transitions would record that history a second time.
 *
 * Migrates the target, then reads every file of the export in load order inside ONE write
 * transaction: a malformed or truncated file, a record that fails validation, a count that
 * differs from the manifest or a broken constraint throws, and nothing is written.
 */
export async function importBundle(options: ImportOptions): Promise<ImportResult> {
  const report = options.onProgress ?? (() => undefined);
  const dir = path.resolve(options.dir);
  const manifest = readManifest(dir);
  for (const { file } of BUNDLE_FILES) {
    if (!existsSync(path.join(dir, file))) throw new BundleFileError(path.join(dir, file), "missing from the export folder");
  }
  // The target is DATABASE_URL: the same database the write path below opens.
  const target = connectionConfig();
  report(`Migrating ${target.url.split("?")[0]} …`);
  await migrateDatabase(target);
  const started = Date.now();

  const records = await writeTransaction(async (tx) => {
    await assertEmpty(tx);
    const cacheSize = (await tx.get<{ cache_size: number }>(sql`PRAGMA cache_size`))?.cache_size;
    await tx.run(sql.raw(`PRAGMA cache_size = -${IMPORT_CACHE_KIB}`));
    try {
      return await loadBundle(tx, dir, manifest, report);
    } finally {
      if (cacheSize !== undefined) await tx.run(sql.raw(`PRAGMA cache_size = ${Number(cacheSize)}`));
    }
  });
  const total = Object.values(records).reduce((sum, counts) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);
  report(`Imported ${total.toLocaleString("en-GB")} records from ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s, in one transaction.`);
  return { records };
}

