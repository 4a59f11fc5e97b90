// npm run db:backup: an online snapshot of the embedded file (VACUUM INTO) or a logical dump of a
// remote database, each verified and described by a manifest written beside it.
import "server-only";
import { createClient, type Client } from "@libsql/client";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { filePathOfUrl, isFileUrl, openClient, type ConnectionConfig } from "@/lib/db/client";
import { env } from "@/lib/env";
import { manifestJson, manifestPathFor, sha256OfFile, type BackupManifest } from "./backup-manifest";
import { backupSigningKey, signManifest } from "./backup-signature";
import { countRows, integrityProblems, lastMigration, listTables } from "./database-inventory";
import { dumpStatements } from "./sql-dump";

export type BackupOptions = {
  source: ConnectionConfig;
  outDir: string;
  /** Keep only the newest N backups in `outDir` (older ones and their manifests are deleted). */
  keep?: number;
  /** Dump SQL even from a file database (the path a remote database always takes). */
  logical?: boolean;
  now?: Date;
  /** The key that signs the manifest; defaults to BACKUP_SIGNING_KEY, null writes an unsigned backup. */
  signingKey?: string | null;
  onProgress?: (message: string) => void;
};

export type BackupResult = { file: string; manifestFile: string; manifest: BackupManifest; pruned: string[] };

const BACKUP_NAME = /^store-\d{8}-\d{6}(-\d+)?\.(db|sql)$/;

function stamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}

/** The database's address for the manifest, never its credentials. */
export function describeSource(url: string): string {
  if (isFileUrl(url)) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(remote database)";
  }
}

function freeName(outDir: string, base: string, extension: string): string {
  for (let attempt = 1; ; attempt += 1) {
    const name = attempt === 1 ? `${base}.${extension}` : `${base}-${attempt}.${extension}`;
    const file = path.join(outDir, name);
    if (!existsSync(file) && !existsSync(manifestPathFor(file)) && !existsSync(`${file}.partial`)) return file;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads a backup file as its own database (read-only use; a snapshot is in rollback-journal mode). */
export function openBackupFile(file: string, intMode: "number" | "bigint" = "number"): Client {
  return createClient({ url: pathToFileURL(file).href, intMode });
}

async function snapshot(source: ConnectionConfig, partial: string, report: (message: string) => void) {
  const client = await openClient(source, { concurrency: 1 });
  try {
    report(`Snapshotting ${source.url} with VACUUM INTO (the shop keeps serving) …`);
    // VACUUM INTO reads one consistent snapshot; in WAL mode writers carry on while it runs.
    await client.execute({ sql: "VACUUM INTO ?", args: [partial] });
  } finally {
    client.close();
  }
  const copy = openBackupFile(partial);
  try {
    report("Checking the snapshot (PRAGMA integrity_check) and counting rows …");
    const problems = await integrityProblems(copy);
    if (problems.length > 0) throw new Error(`The snapshot failed integrity_check: ${problems.slice(0, 5).join("; ")}`);
    return { tables: await countRows(copy), lastMigration: await lastMigration(copy) };
  } finally {
    copy.close();
  }
}

async function logicalDump(source: ConnectionConfig, partial: string, report: (message: string) => void) {
  // Exact integers need bigint: a JS number would round values beyond 2^53 in the dump.
  const client = createClient({ url: source.url, authToken: source.authToken, intMode: "bigint" });
  const out = createWriteStream(partial, { encoding: "utf8" });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  try {
    // One read transaction: every table comes from the same moment however long the dump takes.
    const tx = await client.transaction("read");
    try {
      const expected = await countRows(tx, await listTables(tx));
      const total = Object.values(expected).reduce((sum, count) => sum + count, 0);
      report(`Dumping ${describeSource(source.url)}: ${Object.keys(expected).length} tables, ${total.toLocaleString("en-GB")} rows …`);
      await write(`-- Hedgerow Dye Works logical backup of ${describeSource(source.url)}, ${new Date().toISOString()}\n`);
      await write("-- Schema first, then rows in batches; load with npm run db:restore (or sqlite3 / turso db shell).\n");
      const tables: Record<string, number> = {};
      let lastReported = "";
      for await (const statement of dumpStatements(tx, tables, ({ table, rows }) => {
        const line = `  ${table}: ${rows.toLocaleString("en-GB")} / ${expected[table]!.toLocaleString("en-GB")} rows`;
        // Large tables report every 50,000 rows and at their end; small ones once.
        if (rows === expected[table] || rows % 50_000 === 0) {
          if (line !== lastReported) report(line);
          lastReported = line;
        }
      })) {
        await write(`${statement};\n`);
      }
      const migration = await lastMigration(tx);
      await tx.commit();
      return { tables: Object.fromEntries(Object.entries(tables).sort(([a], [b]) => (a < b ? -1 : 1))), lastMigration: migration };
    } finally {
      tx.close();
    }
  } finally {
    out.end();
    await once(out, "close");
    client.close();
  }
}

/** Deletes all but the newest `keep` backups (by their timestamped names) and their manifests. */
export function pruneBackups(outDir: string, keep: number): string[] {
  const names = readdirSync(outDir).filter((name) => BACKUP_NAME.test(name)).sort().reverse();
  const pruned: string[] = [];
  for (const name of names.slice(keep)) {
    const file = path.join(outDir, name);
    rmSync(file, { force: true });
    rmSync(manifestPathFor(file), { force: true });
    pruned.push(file);
  }
  return pruned;
}

/**
 * Takes a backup of `source` into `outDir`: a snapshot file for an embedded database, an SQL dump
 * for a remote one (or when `logical`). The file is written under a `.partial` name and renamed only
 * after it has been checked, so an interrupted run never leaves a backup that looks complete.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const report = options.onProgress ?? (() => undefined);
  const started = Date.now();
  const isSnapshot = isFileUrl(options.source.url) && !options.logical;
  if (isSnapshot && !existsSync(filePathOfUrl(options.source.url))) {
    throw new Error(`There is no database file at ${filePathOfUrl(options.source.url)}`);
  }
  if (options.keep !== undefined && (!Number.isInteger(options.keep) || options.keep < 1)) throw new Error("--keep must be a whole number of at least 1");
  // Checked before any work, so a key too short fails the run instead of leaving an unsigned backup.
  const signingKey = backupSigningKey(options.signingKey === undefined ? env().BACKUP_SIGNING_KEY : options.signingKey);
  mkdirSync(options.outDir, { recursive: true });
  const createdAt = options.now ?? new Date();
  const file = freeName(path.resolve(options.outDir), `store-${stamp(createdAt)}`, isSnapshot ? "db" : "sql");
  const partial = `${file}.partial`;
  try {
    const facts = isSnapshot ? await snapshot(options.source, partial, report) : await logicalDump(options.source, partial, report);
    report("Computing SHA-256 …");
    const { sha256, bytes } = await sha256OfFile(partial);
    renameSync(partial, file);
    const manifest: BackupManifest = {
      format: "hedgerow-backup/1",
      kind: isSnapshot ? "snapshot" : "logical",
      file: path.basename(file),
      bytes,
      sha256,
      createdAt: createdAt.toISOString(),
      source: describeSource(options.source.url),
      lastMigration: facts.lastMigration,
      tables: facts.tables,
    };
    if (signingKey !== null) {
      manifest.hmacSha256 = signManifest(manifest, signingKey);
      report("Signed the manifest with BACKUP_SIGNING_KEY (HMAC-SHA256 over it and the file's SHA-256).");
    }
    const manifestFile = manifestPathFor(file);
    const manifestPartial = `${manifestFile}.partial`;
    const manifestOut = createWriteStream(manifestPartial);
    manifestOut.end(manifestJson(manifest));
    await once(manifestOut, "close");
    renameSync(manifestPartial, manifestFile);
    const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);
    report(`Backup written: ${file} (${megabytes(bytes)}, ${rows.toLocaleString("en-GB")} rows in ${Object.keys(manifest.tables).length} tables, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const pruned = options.keep === undefined ? [] : pruneBackups(path.resolve(options.outDir), options.keep);
    for (const old of pruned) report(`Pruned old backup ${old}`);
    return { file, manifestFile, manifest, pruned };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
