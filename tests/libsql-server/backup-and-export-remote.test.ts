// db:backup (logical, as for Turso) → db:restore and data:export → data:import, every database behind the protocol server.
import { createClient } from "@libsql/client";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { filePathOfUrl } from "@/lib/db/client";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { startHranaServer, type HranaServer } from "./hrana-server";

const TOKEN = "round-trip-token-0123456789";
const workDir = mkdtempSync(path.join(tmpdir(), "store-remote-scripts-"));
const servers: HranaServer[] = [];

type Run = { code: number; stdout: string; stderr: string };

/** Runs a script as the owner would against a remote DATABASE_URL with its token. */
function run(script: string, args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      path.resolve("node_modules/.bin/tsx"),
      ["--import", "./scripts/server-only-off.mjs", path.join("scripts", script), ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_AUTH_TOKEN: TOKEN, DATA_DIR: workDir }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function serve(file: string): Promise<HranaServer> {
  const server = await startHranaServer({ dbPath: file, token: TOKEN });
  servers.push(server);
  return server;
}

/** Every table's row count (FTS5 shadow tables and the migration journal left out), read through the server. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = createClient({ url, authToken: TOKEN });
  try {
    const tables = await client.execute(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND name != '__drizzle_migrations' ORDER BY name",
    );
    const counts: Record<string, number> = {};
    for (const row of tables.rows) {
      const name = String(row.name);
      counts[name] = Number((await client.execute(`SELECT count(*) AS n FROM "${name}"`)).rows[0]!.n);
    }
    return counts;
  } finally {
    client.close();
  }
}

let source: HranaServer;

beforeAll(async () => {
  await seedDemoData({ anchor: new Date("2026-06-01T12:00:00.000Z") });
  source = await serve(filePathOfUrl(env().DATABASE_URL));
});

afterAll(async () => {
  for (const server of servers) await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe("backups and exports through the libSQL protocol server", () => {
  it("db:backup --logical from a remote database, db:restore into another remote one: every row arrives", async () => {
    const backup = await run("backup-db.ts", ["--out", path.join(workDir, "backups"), "--logical"], source.url);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const file = /Backup written: (\S+)/.exec(backup.stdout)![1]!;
    expect(file).toMatch(/\.sql$/);

    const target = await serve(path.join(workDir, "restored.db"));
    const restore = await run("restore-db.ts", [file], target.url);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Loading the SQL dump into http:\/\/127\.0\.0\.1:\d+ in one transaction/);

    const expected = await rowCounts(source.url);
    expect(expected.orders).toBeGreaterThan(100);
    expect(await rowCounts(target.url)).toEqual(expected);
  }, 180_000);

  it("data:export from a remote database, data:import into an empty remote one", async () => {
    const dir = path.join(workDir, "export");
    const exported = await run("export-all-data.ts", ["--out", dir], source.url);
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/orders\.json: orders: 1,000 records …/);

    const target = await serve(path.join(workDir, "imported.db"));
    const imported = await run("import-data.ts", [dir], target.url);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);

    const after = await rowCounts(target.url);
    const before = await rowCounts(source.url);
    for (const table of ["orders", "order_items", "products", "product_variants", "customers"]) {
      if (table in before) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    }
  }, 180_000);
});
