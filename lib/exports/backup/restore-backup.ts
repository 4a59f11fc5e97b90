// npm run db:restore: loads a backup into DATABASE_URL (a new file or an empty remote database),
// verifies it against the manifest, and only then reports success. A backup is read as data: its
// schema must be the migrations' own, and only rows are taken from it (see dump-validator.ts).
import "server-only";
import { createClient, type Client, type Transaction } from "@libsql/client";
import { copyFileSync, createReadStream, existsSync, renameSync, rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { filePathOfUrl, isFileUrl, openClient, type ConnectionConfig } from "@/lib/db/client";
import { REBUILD_SEARCH_INDEX_SQL, SEARCH_TABLE } from "@/lib/catalog/search-index";
import { env } from "@/lib/env";
import { countDifferences, readManifest, RestoreRefusedError, sha256OfFile, type BackupManifest } from "./backup-manifest";
import { expectedSchemaAt, migrationRecordProblems, readSchema, schemaDifferences, type ExpectedSchema } from "./backup-schema";
import { backupSigningKey, checkManifestSignature } from "./backup-signature";
import { countDataRows, countRows, integrityProblems, listTables, listVirtualTables, quoteIdentifier, type SqlExecutor } from "./database-inventory";
import { insertSql, RESET_SEQUENCES_SQL, validatedDump, type DumpStatement } from "./dump-validator";
import { dumpStatements, splitSqlStatements } from "./sql-dump";

export type RestoreOptions = {
  backupFile: string;
  target: ConnectionConfig;
  /** Replace a target that already holds data. */
  force?: boolean;
  /** With a signing key set, restore a backup that carries no signature (warned loudly). */
  allowUnsigned?: boolean;
  /** The key backups are verified with; defaults to BACKUP_SIGNING_KEY, null checks no signature. */
  signingKey?: string | null;
  onProgress?: (message: string) => void;
};

export type RestoreResult = { manifest: BackupManifest; method: "file-copy" | "sql-load"; tables: Record<string, number> };

const STATEMENTS_PER_BATCH = 50;

/**
 * What a backup or a restored database must be before it is trusted: the migrations' schema and
 * migration record, a sound file with no broken reference, and the manifest's row counts.
 */
async function verify(db: SqlExecutor, manifest: BackupManifest, schema: ExpectedSchema, where: string): Promise<Record<string, number>> {
  const differences = schemaDifferences(schema, await readSchema(db));
  if (differences.length > 0) {
    throw new RestoreRefusedError(`${where}'s schema is not the migrations' (up to ${schema.migration}): ${differences.join("; ")}`);
  }
  const records = await migrationRecordProblems(db, schema);
  if (records.length > 0) throw new RestoreRefusedError(`${where}: ${records.join("; ")}`);
  const problems = await integrityProblems(db);
  if (problems.length > 0) throw new Error(`${where} failed integrity_check: ${problems.slice(0, 5).join("; ")}`);
  const broken = await db.execute("PRAGMA foreign_key_check");
  if (broken.rows.length > 0) {
    const tables = [...new Set(broken.rows.map((row) => String(row.table)))].join(", ");
    throw new RestoreRefusedError(`${where} has ${broken.rows.length} broken references (PRAGMA foreign_key_check: ${tables})`);
  }
  const tables = await countRows(db);
  const counts = countDifferences(manifest.tables, tables);
  if (counts.length > 0) throw new Error(`${where} does not match the manifest's row counts: ${counts.join("; ")}`);
  return tables;
}

/**
 * A backup carries no copy of the search index (a snapshot's is whatever the file held): it is
 * rebuilt from the restored catalog, when the backup's migrations made one.
 */
async function rebuildSearchIndex(db: SqlExecutor, schema: ExpectedSchema): Promise<void> {
  if (!schema.derived.has(SEARCH_TABLE)) return;
  for (const statement of REBUILD_SEARCH_INDEX_SQL) await db.execute(statement);
}

/**
 * Opens a snapshot file for checking only: no write through this connection, and no function a
 * view or trigger of the file names is trusted, whatever its schema says.
 */
async function openForChecking(file: string, intMode: "number" | "bigint" = "number"): Promise<Client> {
  const client = createClient({ url: pathToFileURL(file).href, intMode });
  try {
    await client.execute("PRAGMA query_only = ON");
    await client.execute("PRAGMA trusted_schema = OFF");
    return client;
  } catch (error) {
    client.close();
    throw error;
  }
}

async function checkSnapshot(file: string, manifest: BackupManifest, schema: ExpectedSchema, where: string): Promise<void> {
  const client = await openForChecking(file);
  try {
    await verify(client, manifest, schema, where);
  } finally {
    client.close();
  }
}

/** The file target gets the snapshot itself: copied beside it, checked, then renamed over it. */
async function restoreFileCopy(backupFile: string, manifest: BackupManifest, schema: ExpectedSchema, target: ConnectionConfig, report: (message: string) => void) {
  const targetFile = filePathOfUrl(target.url);
  const staging = `${targetFile}.restoring`;
  rmSync(staging, { force: true });
  report(`Copying the snapshot to ${staging} …`);
  copyFileSync(backupFile, staging);
  try {
    // The copy is what gets renamed into place, so the copy is what is checked.
    report(`Checking the copy: schema against the migrations (up to ${schema.migration}), integrity_check, foreign keys and every table's row count …`);
    await checkSnapshot(staging, manifest, schema, "The snapshot");
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
  // The old database's WAL belongs to the old file: left behind, SQLite would replay it over the copy.
  rmSync(`${targetFile}-wal`, { force: true });
  rmSync(`${targetFile}-shm`, { force: true });
  renameSync(staging, targetFile);
  const client = await openClient(target, { concurrency: 1 });
  try {
    const tx = await client.transaction("write");
    try {
      await rebuildSearchIndex(tx, schema);
      await tx.commit();
    } finally {
      tx.close();
    }
    return await verify(client, manifest, schema, "The restored database");
  } finally {
    client.close();
  }
}

/** The backup's statements, each classified and checked: a dump's own text, or a checked snapshot's rows. */
async function* backupStatements(backupFile: string, manifest: BackupManifest, schema: ExpectedSchema): AsyncGenerator<DumpStatement> {
  if (manifest.kind === "logical") {
    yield* validatedDump(splitSqlStatements(createReadStream(backupFile, { encoding: "utf8" })), schema);
    return;
  }
  // A snapshot going into a remote database travels as the statements a dump of it would hold.
  const source = await openForChecking(backupFile, "bigint");
  try {
    yield* validatedDump(dumpStatements(source, {}), schema);
  } finally {
    source.close();
  }
}

async function dropEverything(tx: Transaction): Promise<void> {
  const objects = await tx.execute("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  for (const row of objects.rows) await tx.execute(`DROP ${String(row.type).toUpperCase()} IF EXISTS ${quoteIdentifier(String(row.name))}`);
  // The search index first (its shadow tables go with it), then children before parents, so
  // dropping (an implicit DELETE) never trips a foreign key.
  for (const table of await listVirtualTables(tx)) await tx.execute(`DROP TABLE ${quoteIdentifier(table)}`);
  for (const table of (await listTables(tx)).reverse()) await tx.execute(`DROP TABLE ${quoteIdentifier(table)}`);
}

/**
 * Loads the backup inside one write transaction on the target: existing tables (a freshly migrated
 * schema, or everything under --force) are dropped, the migrations' schema is created from this
 * code's own migrations (never from the dump's DDL), the backup's rows are inserted in foreign-key
 * order, and the result is checked before COMMIT, so a failure leaves the target as it was.
 */
async function restoreSqlLoad(client: Client, backupFile: string, manifest: BackupManifest, schema: ExpectedSchema, report: (message: string) => void) {
  const tx = await client.transaction("write");
  try {
    await dropEverything(tx);
    for (const object of schema.creates) await tx.execute(object.sql!);
    let batch: string[] = [];
    let statements = 0;
    let currentTable = "";
    const flush = async () => {
      if (batch.length === 0) return;
      await tx.batch(batch);
      const before = statements;
      statements += batch.length;
      batch = [];
      if (Math.floor(statements / 2_000) > Math.floor(before / 2_000)) report(`  … ${statements.toLocaleString("en-GB")} statements`);
    };
    for await (const statement of backupStatements(backupFile, manifest, schema)) {
      if (statement.kind === "reset-sequences") batch.push(RESET_SEQUENCES_SQL);
      if (statement.kind !== "rows") continue;
      const { table } = statement.insert;
      if (table !== currentTable) {
        currentTable = table;
        report(`  loading ${table} …`);
      }
      batch.push(insertSql(statement.insert));
      if (batch.length >= STATEMENTS_PER_BATCH) await flush();
    }
    await flush();
    await rebuildSearchIndex(tx, schema);
    report(`Loaded ${statements.toLocaleString("en-GB")} statements and rebuilt the search index; checking schema, integrity, foreign keys and row counts before COMMIT …`);
    const tables = await verify(tx, manifest, schema, "The restored database");
    await tx.commit();
    return tables;
  } finally {
    tx.close();
  }
}

/** Reads a whole dump through the validator without touching any database: a refusal comes first. */
async function checkDump(backupFile: string, manifest: BackupManifest, schema: ExpectedSchema): Promise<void> {
  for await (const statement of backupStatements(backupFile, manifest, schema)) void statement;
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const report = options.onProgress ?? (() => undefined);
  const { backupFile, target } = options;
  if (!existsSync(backupFile)) throw new Error(`No backup at ${backupFile}`);
  const manifest = readManifest(backupFile);
  const key = backupSigningKey(options.signingKey === undefined ? env().BACKUP_SIGNING_KEY : options.signingKey);
  report(`Checking ${backupFile} against its manifest (SHA-256) …`);
  const { sha256 } = await sha256OfFile(backupFile);
  if (sha256 !== manifest.sha256) {
    throw new Error(`${backupFile} does not match its manifest's SHA-256: the file is damaged or was changed after the backup`);
  }
  // The signature covers the manifest, which holds the file's SHA-256 just checked: together, the file.
  checkManifestSignature(manifest, { key, allowUnsigned: options.allowUnsigned ?? false, report });
  const expectedKind = backupFile.endsWith(".db") ? "snapshot" : "logical";
  if (manifest.kind !== expectedKind) throw new Error(`${backupFile} is a .${backupFile.split(".").pop()} file but its manifest says ${manifest.kind}`);

  const schema = await expectedSchemaAt(manifest.lastMigration?.hash ?? null);
  if (manifest.kind === "logical") {
    report(`Checking every statement of the dump: the migrations' schema (up to ${schema.migration}) and plain INSERTs into its tables only …`);
    await checkDump(backupFile, manifest, schema);
  } else if (!isFileUrl(target.url)) {
    report(`Checking the snapshot: schema against the migrations (up to ${schema.migration}), integrity_check, foreign keys and row counts …`);
    await checkSnapshot(backupFile, manifest, schema, "The snapshot");
  }

  const client = await openClient(target, { concurrency: 1 });
  let method: RestoreResult["method"];
  let tables: Record<string, number>;
  try {
    const rowsThere = await countDataRows(client);
    if (rowsThere > 0 && !options.force) {
      throw new RestoreRefusedError(
        `The target database ${target.url.split("?")[0]} is not empty (${rowsThere.toLocaleString("en-GB")} rows). ` +
          "Restore into a new file or an empty database, or pass --force to replace everything in it.",
      );
    }
    if (rowsThere > 0) report(`--force: replacing ${rowsThere.toLocaleString("en-GB")} rows in the target`);
    if (manifest.kind === "snapshot" && isFileUrl(target.url)) {
      client.close();
      method = "file-copy";
      tables = await restoreFileCopy(backupFile, manifest, schema, target, report);
    } else {
      method = "sql-load";
      report(`Loading ${manifest.kind === "logical" ? "the SQL dump" : "the snapshot"} into ${target.url.split("?")[0]} in one transaction …`);
      tables = await restoreSqlLoad(client, backupFile, manifest, schema, report);
    }
  } finally {
    client.close();
  }
  const rows = Object.values(tables).reduce((sum, count) => sum + count, 0);
  report(`Restored ${rows.toLocaleString("en-GB")} rows in ${Object.keys(tables).length} tables; schema is the migrations'; integrity_check ok; every row count matches the manifest.`);
  return { manifest, method, tables };
}
