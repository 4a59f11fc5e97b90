import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";

const workDir = mkdtempSync(path.join(tmpdir(), "store-prepare-db-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const OPERATOR_PASSWORD = "the-operators-own-password-2026";
type Run = { code: number; stdout: string; stderr: string };

/**
 * Runs an npm lifecycle script exactly as package.json spells it (`tsx scripts/…` with its flags),
 * with a shell environment of our choosing: NODE_ENV is removed, as on a server where nobody set it.
 */
function runPackageScript(name: "prestart" | "predev", extraEnv: Record<string, string>): Promise<Run> {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = scripts[name]!.split(/\s+/);
  expect(command).toBe("tsx");
  const environment: Record<string, string | undefined> = { ...process.env, ...extraEnv };
  delete environment.NODE_ENV;
  return new Promise((resolve) => {
    execFile(path.resolve("node_modules/.bin/tsx"), args, { env: environment as NodeJS.ProcessEnv, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function countRows(databaseUrl: string, table: string): Promise<number> {
  const client = createClient({ url: databaseUrl });
  try {
    const result = await client.execute(`SELECT count(*) AS n FROM ${table}`);
    return Number(result.rows[0]!.n);
  } finally {
    client.close();
  }
}

describe("the database step before npm start and npm run dev", () => {
  it("npm start's prestart, with NODE_ENV unset and ADMIN_PASSWORD set, migrates an empty database and does nothing else", async () => {
    const dir = path.join(workDir, "start");
    const databaseUrl = pathToFileURL(path.join(dir, "store.db")).href;
    const run = await runPackageScript("prestart", { DATABASE_URL: databaseUrl, DATA_DIR: dir, ADMIN_PASSWORD: OPERATOR_PASSWORD });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("[store] database ready");
    expect(`${run.stdout}${run.stderr}`).not.toContain(OPERATOR_PASSWORD);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/password:/);
    // Migrated (the tables exist) but not seeded: no demo products, no fake orders.
    expect(await countRows(databaseUrl, "products")).toBe(0);
    expect(await countRows(databaseUrl, "orders")).toBe(0);
  }, 120_000);

  it("npm run dev's predev loads the demo shop, and prints only a password it generated, never one from the environment", async () => {
    const dir = path.join(workDir, "dev");
    const databaseUrl = pathToFileURL(path.join(dir, "store.db")).href;
    const withOwnPassword = await runPackageScript("predev", { DATABASE_URL: databaseUrl, DATA_DIR: dir, ADMIN_PASSWORD: OPERATOR_PASSWORD });
    expect(withOwnPassword.code).toBe(0);
    expect(withOwnPassword.stdout).toMatch(/loaded the demo shop: \d+ products/);
    expect(withOwnPassword.stdout).toContain("password: the one set in ADMIN_PASSWORD");
    expect(`${withOwnPassword.stdout}${withOwnPassword.stderr}`).not.toContain(OPERATOR_PASSWORD);
    expect(await countRows(databaseUrl, "products")).toBeGreaterThan(0);

    const generated = await runPackageScript("predev", { DATABASE_URL: databaseUrl, DATA_DIR: dir, ADMIN_PASSWORD: "" });
    expect(generated.code).toBe(0);
    const devPassword = (JSON.parse(readFileSync(path.join(dir, "dev-secrets.json"), "utf8")) as { ADMIN_PASSWORD: string }).ADMIN_PASSWORD;
    expect(generated.stdout).toContain(`password: ${devPassword}`);
  }, 240_000);
});
