import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { env } from "@/lib/env";

const workDir = mkdtempSync(path.join(tmpdir(), "store-scripts-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

type Run = { code: number; stdout: string; stderr: string };

/** Runs a script as the owner would (`npm run …` is `tsx scripts/…`), against the given database. */
function run(script: string, args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      path.resolve("node_modules/.bin/tsx"),
      ["--import", "./scripts/server-only-off.mjs", path.join("scripts", script), ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: workDir }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const fileUrl = (name: string) => pathToFileURL(path.join(workDir, name)).href;

beforeAll(async () => {
  await seedDemoData({ anchor: new Date("2026-06-01T12:00:00.000Z") });
});

describe("the terminal commands", () => {
  it("db:backup then db:restore print their progress and exit 0; a second restore into the same database exits 1", async () => {
    const backup = await run("backup-db.ts", ["--out", path.join(workDir, "backups"), "--keep", "3"], env().DATABASE_URL);
    expect(backup).toMatchObject({ code: 0, stderr: "" });
    expect(backup.stdout).toMatch(/Snapshotting .*\nChecking the snapshot .*\nComputing SHA-256 …\nBackup written: .*store-\d{8}-\d{6}\.db \(/);
    const file = /Backup written: (\S+)/.exec(backup.stdout)![1]!;

    const restore = await run("restore-db.ts", [file], fileUrl("restored.db"));
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/integrity_check ok; every row count matches the manifest\./);

    const again = await run("restore-db.ts", [file], fileUrl("restored.db"));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/db:restore failed: The target database .* is not empty/);
  }, 60_000);

  it("db:backup exits 1 when there is no database to back up", async () => {
    const result = await run("backup-db.ts", ["--out", path.join(workDir, "nothing")], fileUrl("missing/store.db"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/db:backup failed: There is no database file at/);
  });

  it("data:export exits 0 with progress; data:import into a database with data exits 1 and imports nothing", async () => {
    const dir = path.join(workDir, "export");
    const exported = await run("export-all-data.ts", ["--out", dir], env().DATABASE_URL);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/orders\.json: orders: 1,000 records …/);
    expect(exported.stdout).toMatch(/Exported to .*: 8 files/);

    const imported = await run("import-data.ts", [dir], env().DATABASE_URL);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/data:import failed: The database is not empty .*\nNothing was imported\./);
  }, 60_000);
});
