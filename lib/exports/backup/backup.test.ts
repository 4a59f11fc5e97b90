import { sql } from "drizzle-orm";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { openClient, type ConnectionConfig } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { env } from "@/lib/env";
import { createTestDatabase } from "@/tests/helpers/database";
import { readManifest, sha256OfFile } from "./backup-manifest";
import { createBackup, openBackupFile, pruneBackups } from "./create-backup";
import { countRows, integrityProblems } from "./database-inventory";
import { restoreBackup } from "./restore-backup";
import { tableChecksums } from "./table-checksums";

const workDir = mkdtempSync(path.join(tmpdir(), "store-backup-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const source = (): ConnectionConfig => ({ url: env().DATABASE_URL });
const newTarget = (name: string): ConnectionConfig => ({ url: pathToFileURL(path.join(workDir, `${name}.db`)).href });

/** The search index's entries, and which products a word finds: derived data no checksum covers. */
async function searchIndexOf(config: ConnectionConfig) {
  const client = await openClient(config);
  try {
    const entries = await client.execute("SELECT rowid, name, colourways, description FROM catalog_search ORDER BY rowid");
    const merino = await client.execute("SELECT rowid FROM catalog_search WHERE catalog_search MATCH 'merino' ORDER BY rowid");
    return { entries: entries.rows.map((row) => ({ ...row })), merino: merino.rows.map((row) => Number(row.rowid)) };
  } finally {
    client.close();
  }
}

async function checksumsOf(config: ConnectionConfig) {
  const client = await openClient(config);
  try {
    return await tableChecksums(client);
  } finally {
    client.close();
  }
}

/** Writes an audit row pair per transaction until stopped: a consistent snapshot never holds half a pair. */
function startWriting() {
  let running = true;
  let commits = 0;
  const done = (async () => {
    while (running) {
      await writeTransaction(async (tx) => {
        await tx.insert(auditLog).values({ actor: "test", action: "pair.first", entityType: "backup-test", entityId: String(commits) });
        await tx.insert(auditLog).values({ actor: "test", action: "pair.second", entityType: "backup-test", entityId: String(commits) });
      });
      commits += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    commits: () => commits,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

beforeAll(async () => {
  await seedDemoData({ anchor: new Date("2026-06-01T12:00:00.000Z") });
});

describe("db:backup of the embedded database", () => {
  it("takes a snapshot while writes keep committing, and the snapshot opens, passes integrity_check and matches its manifest", async () => {
    const writer = startWriting();
    while (writer.commits() < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    const commitsBefore = writer.commits();
    const progress: string[] = [];
    const result = await createBackup({ source: source(), outDir: path.join(workDir, "online"), onProgress: (line) => progress.push(line) });
    const commitsDuring = writer.commits() - commitsBefore;
    await writer.stop();

    expect(commitsDuring).toBeGreaterThan(0);
    expect(path.basename(result.file)).toMatch(/^store-\d{8}-\d{6}\.db$/);
    expect(progress.some((line) => line.startsWith("Backup written:"))).toBe(true);
    const manifest = readManifest(result.file);
    expect(manifest).toEqual(result.manifest);
    expect(manifest.kind).toBe("snapshot");
    expect(await sha256OfFile(result.file)).toEqual({ sha256: manifest.sha256, bytes: manifest.bytes });
    const journal = JSON.parse(readFileSync(path.resolve("drizzle/meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
    expect(manifest.lastMigration?.tag).toBe(journal.entries.at(-1)!.tag);

    const snapshot = openBackupFile(result.file);
    try {
      expect(await integrityProblems(snapshot)).toEqual([]);
      expect(await countRows(snapshot)).toEqual(manifest.tables);
      expect(manifest.tables.orders).toBe(1000);
      const pairs = await snapshot.execute("SELECT action, count(*) AS n FROM audit_log WHERE entity_type = 'backup-test' GROUP BY action ORDER BY action");
      const [first, second] = pairs.rows.map((row) => Number(row.n));
      expect(first).toBeGreaterThanOrEqual(5);
      expect(second).toBe(first);
    } finally {
      snapshot.close();
    }
    // Opening and counting did not change the file the manifest describes.
    expect((await sha256OfFile(result.file)).sha256).toBe(manifest.sha256);
  });

  it("keeps only the newest N backups with --keep", async () => {
    const outDir = path.join(workDir, "keep");
    const times = ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"];
    for (const time of times) await createBackup({ source: source(), outDir, now: new Date(time), keep: 2 });
    expect(readdirSync(outDir).sort()).toEqual([
      "store-20260102-000000.db",
      "store-20260102-000000.manifest.json",
      "store-20260103-000000.db",
      "store-20260103-000000.manifest.json",
    ]);
    expect(pruneBackups(outDir, 1)).toEqual([path.join(outDir, "store-20260102-000000.db")]);
  });
});

describe("db:restore", () => {
  for (const logical of [false, true]) {
    it(`restores a ${logical ? "logical SQL dump" : "snapshot"} with every table's checksum equal to the source at backup time`, async () => {
      const before = await checksumsOf(source());
      const backup = await createBackup({ source: source(), outDir: path.join(workDir, logical ? "logical" : "snapshot"), logical });
      expect(backup.file.endsWith(logical ? ".sql" : ".db")).toBe(true);
      // The shop moves on after the backup; the restore must bring back the earlier moment.
      await writeTransaction((tx) => tx.insert(auditLog).values({ actor: "test", action: "after.backup", entityType: "backup-test" }));

      const target = newTarget(logical ? "restored-logical" : "restored-snapshot");
      const progress: string[] = [];
      const result = await restoreBackup({ backupFile: backup.file, target, onProgress: (line) => progress.push(line) });
      expect(result.method).toBe(logical ? "sql-load" : "file-copy");
      expect(progress.at(-1)).toMatch(/integrity_check ok; every row count matches the manifest/);

      const restored = await checksumsOf(target);
      expect(restored).toEqual(before);
      expect(restored).not.toEqual(await checksumsOf(source()));
      expect(Object.keys(backup.manifest.tables).filter((table) => table.startsWith("catalog_search"))).toEqual([]);
      if (logical) expect(readFileSync(backup.file, "utf8")).not.toMatch(/INSERT INTO "catalog_search/);
      const index = await searchIndexOf(target);
      expect(index).toEqual(await searchIndexOf(source()));
      expect(index.merino.length).toBeGreaterThan(1);
    });
  }

  it("loads a dump into a freshly migrated (empty) database, as a new Turso database would be", async () => {
    const backup = await createBackup({ source: source(), outDir: path.join(workDir, "into-migrated"), logical: true });
    const migrated = await createTestDatabase("migrated-target");
    try {
      const result = await restoreBackup({ backupFile: backup.file, target: { url: migrated.url } });
      expect(result.method).toBe("sql-load");
      expect(await checksumsOf({ url: migrated.url })).toEqual(await checksumsOf(source()));
    } finally {
      migrated.remove();
    }
  });

  it("refuses a target that holds data unless --force, and leaves it untouched", async () => {
    const backup = await createBackup({ source: source(), outDir: path.join(workDir, "refuse"), logical: true });
    const target = newTarget("busy-target");
    const client = await openClient(target);
    await client.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    await client.execute("INSERT INTO notes (body) VALUES ('keep me')");
    client.close();

    await expect(restoreBackup({ backupFile: backup.file, target })).rejects.toThrow(/not empty \(1 rows\).*--force/);
    const untouched = await openClient(target);
    expect((await untouched.execute("SELECT body FROM notes")).rows.map((row) => row.body)).toEqual(["keep me"]);
    untouched.close();

    await restoreBackup({ backupFile: backup.file, target, force: true });
    expect(await checksumsOf(target)).toEqual(await checksumsOf(source()));
    expect(await searchIndexOf(target)).toEqual(await searchIndexOf(source()));
    // A second --force restore drops the restored search index with everything else and builds it again.
    await restoreBackup({ backupFile: backup.file, target, force: true });
    expect(await searchIndexOf(target)).toEqual(await searchIndexOf(source()));
  });

  it("refuses a backup whose bytes no longer match the manifest", async () => {
    const backup = await createBackup({ source: source(), outDir: path.join(workDir, "damaged"), logical: true });
    const text = readFileSync(backup.file, "utf8");
    writeFileSync(backup.file, text.replace("INSERT INTO", "INSERT  INTO"));
    const target = newTarget("damaged-target");
    await expect(restoreBackup({ backupFile: backup.file, target })).rejects.toThrow(/does not match its manifest's SHA-256/);
  });

  it("rolls back a dump that does not match its manifest's counts, leaving the target empty", async () => {
    const backup = await createBackup({ source: source(), outDir: path.join(workDir, "short"), logical: true });
    const manifestFile = backup.manifestFile;
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { tables: Record<string, number> };
    manifest.tables.orders = (manifest.tables.orders ?? 0) + 1;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const target = newTarget("short-target");
    await expect(restoreBackup({ backupFile: backup.file, target })).rejects.toThrow(/orders: manifest 1001, database 1000/);
    const client = await openClient(target);
    expect((await client.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")).rows[0]!.n).toBe(0);
    client.close();
  });
});

describe("the shop database after the tests above", () => {
  it("was only read by the backups (the writer's rows are all there)", async () => {
    const read = await db();
    const [row] = await read.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'backup-test'`);
    expect(row!.n).toBeGreaterThan(10);
    expect(existsSync(path.join(workDir, "online"))).toBe(true);
  });
});
