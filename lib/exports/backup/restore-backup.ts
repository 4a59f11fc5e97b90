// npm run db:restore: loads a backup into DATABASE_URL (a new file or an empty remote database),
// verifies it against the manifest, and only then reports success.
import type { Client, Transaction } from "@libsql/client";
import { copyFileSync, createReadStream, existsSync, renameSync, rmSync } from "node:fs";
import { filePathOfUrl, isFileUrl, openClient, type ConnectionConfig } from "@/lib/db/client";
import { countDifferences, readManifest, sha256OfFile, type BackupManifest } from "./backup-manifest";
import { openBackupFile } from "./create-backup";
import { countDataRows, countRows, integrityProblems, listTables, quoteIdentifier, type SqlExecutor } from "./database-inventory";
import { DUMP_EPILOGUE, DUMP_PREAMBLE, dumpStatements, splitSqlStatements } from "./sql-dump";

export type RestoreOptions = {
  backupFile: string;
  target: ConnectionConfig;
  /** Replace a target that already holds data. */
  force?: boolean;
  onProgress?: (message: string) => void;
};

export type RestoreResult = { manifest: BackupManifest; method: "file-copy" | "sql-load"; tables: Record<string, number> };

export class RestoreRefusedError extends Error {}

const STATEMENTS_PER_BATCH = 50;
const MANAGED_BY_RESTORE = new Set([...DUMP_PREAMBLE, ...DUMP_EPILOGUE].map((statement) => statement.toUpperCase()));

async function verify(db: SqlExecutor, manifest: BackupManifest, where: string): Promise<Record<string, number>> {
  const problems = await integrityProblems(db);
  if (problems.length > 0) throw new Error(`${where} failed integrity_check: ${problems.slice(0, 5).join("; ")}`);
  const tables = await countRows(db);
  const differences = countDifferences(manifest.tables, tables);
  if (differences.length > 0) throw new Error(`${where} does not match the manifest's row counts: ${differences.join("; ")}`);
  return tables;
}

/** The file target gets the snapshot itself: copied beside it, verified, then renamed over it. */
async function restoreFileCopy(backupFile: string, manifest: BackupManifest, target: ConnectionConfig, report: (message: string) => void) {
  const targetFile = filePathOfUrl(target.url);
  const staging = `${targetFile}.restoring`;
  rmSync(staging, { force: true });
  report(`Copying the snapshot to ${staging} …`);
  copyFileSync(backupFile, staging);
  const copy = openBackupFile(staging);
  try {
    report("Checking the copy (PRAGMA integrity_check) and every table's row count against the manifest …");
    await verify(copy, manifest, "The restored copy");
  } catch (error) {
    copy.close();
    rmSync(staging, { force: true });
    throw error;
  }
  copy.close();
  // The old database's WAL belongs to the old file: left behind, SQLite would replay it over the copy.
  rmSync(`${targetFile}-wal`, { force: true });
  rmSync(`${targetFile}-shm`, { force: true });
  renameSync(staging, targetFile);
  const client = await openClient(target, { concurrency: 1 });
  try {
    return await verify(client, manifest, "The restored database");
  } finally {
    client.close();
  }
}

async function* statementsOf(backupFile: string, manifest: BackupManifest): AsyncGenerator<string> {
  if (manifest.kind === "logical") {
    yield* splitSqlStatements(createReadStream(backupFile, { encoding: "utf8" }));
    return;
  }
  // A snapshot going into a remote database travels as the same statements a dump would hold.
  const source = openBackupFile(backupFile, "bigint");
  try {
    yield* dumpStatements(source, {});
  } finally {
    source.close();
  }
}

async function dropEverything(tx: Transaction): Promise<void> {
  const objects = await tx.execute("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  for (const row of objects.rows) await tx.execute(`DROP ${String(row.type).toUpperCase()} IF EXISTS ${quoteIdentifier(String(row.name))}`);
  // Children before parents, so dropping (an implicit DELETE) never trips a foreign key.
  for (const table of (await listTables(tx)).reverse()) await tx.execute(`DROP TABLE ${quoteIdentifier(table)}`);
}

/**
 * Loads the backup as SQL inside one write transaction on the target: existing tables (a freshly
 * migrated schema, or everything under --force) are dropped, the dump is replayed in foreign-key
 * order, and the result is checked before COMMIT, so a failure leaves the target as it was.
 */
async function restoreSqlLoad(client: Client, backupFile: string, manifest: BackupManifest, report: (message: string) => void) {
  const tx = await client.transaction("write");
  try {
    await dropEverything(tx);
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
    for await (const statement of statementsOf(backupFile, manifest)) {
      if (MANAGED_BY_RESTORE.has(statement.toUpperCase())) continue;
      const table = /^INSERT INTO "((?:[^"]|"")+)"/.exec(statement)?.[1];
      if (table && table !== currentTable) {
        currentTable = table;
        report(`  loading ${table} …`);
      }
      batch.push(statement);
      if (batch.length >= STATEMENTS_PER_BATCH) await flush();
    }
    await flush();
    report(`Loaded ${statements.toLocaleString("en-GB")} statements; checking integrity and row counts before COMMIT …`);
    const tables = await verify(tx, manifest, "The restored database");
    await tx.commit();
    return tables;
  } finally {
    tx.close();
  }
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const report = options.onProgress ?? (() => undefined);
  const { backupFile, target } = options;
  if (!existsSync(backupFile)) throw new Error(`No backup at ${backupFile}`);
  const manifest = readManifest(backupFile);
  report(`Checking ${backupFile} against its manifest (SHA-256) …`);
  const { sha256 } = await sha256OfFile(backupFile);
  if (sha256 !== manifest.sha256) {
    throw new Error(`${backupFile} does not match its manifest's SHA-256: the file is damaged or was changed after the backup`);
  }
  const expectedKind = backupFile.endsWith(".db") ? "snapshot" : "logical";
  if (manifest.kind !== expectedKind) throw new Error(`${backupFile} is a .${backupFile.split(".").pop()} file but its manifest says ${manifest.kind}`);

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
      tables = await restoreFileCopy(backupFile, manifest, target, report);
    } else {
      method = "sql-load";
      report(`Loading ${manifest.kind === "logical" ? "the SQL dump" : "the snapshot"} into ${target.url.split("?")[0]} in one transaction …`);
      tables = await restoreSqlLoad(client, backupFile, manifest, report);
    }
  } finally {
    client.close();
  }
  const rows = Object.values(tables).reduce((sum, count) => sum + count, 0);
  report(`Restored ${rows.toLocaleString("en-GB")} rows in ${Object.keys(tables).length} tables; integrity_check ok; every row count matches the manifest.`);
  return { manifest, method, tables };
}
