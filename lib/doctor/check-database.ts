// The doctor's database checks: reachable, token accepted, migrations current, writable, intact.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Client } from "@libsql/client";
import { filePathOfUrl, isFileUrl, openClient, type ConnectionConfig } from "@/lib/db/client";
import { MIGRATIONS_FOLDER } from "@/lib/db/migrate";
import { DoctorTimeoutError, failed, passed, unreachable, withTimeout, type DoctorCheck } from "./doctor-check";

const NAME = "database";

/** The HTTP status a remote database answered with, found on the error or its causes. */
function httpStatusOf(error: unknown): number | null {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const status = (current as { status?: unknown }).status;
    if (typeof status === "number") return status;
  }
  return null;
}

/** A refused connection, an unknown host or a timeout: the network, not the settings. */
function isNetworkFailure(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current instanceof DoctorTimeoutError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_SOCKET)$/.test(code)) return true;
  }
  return false;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The newest migration in drizzle/: drizzle records each applied one by its journal timestamp. */
function newestMigration(migrationsFolder: string): { tag: string; when: number } {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.reduce((newest, entry) => (entry.when > newest.when ? entry : newest));
}

async function checkMigrations(client: Client, migrationsFolder: string): Promise<DoctorCheck> {
  const newest = newestMigration(migrationsFolder);
  const hasTable = await client.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'");
  if (hasTable.rows.length === 0) return failed("migrations", "none applied: run npm run db:migrate with this DATABASE_URL");
  const applied = await client.execute("SELECT max(created_at) AS newest FROM __drizzle_migrations");
  const newestApplied = Number(applied.rows[0]?.newest ?? 0);
  if (newestApplied < newest.when) return failed("migrations", `behind ${newest.tag}: run npm run db:migrate with this DATABASE_URL`);
  return passed("migrations", `current (${newest.tag})`);
}

/** A table created and a row written inside a transaction that is rolled back: the token may write. */
async function checkWriteProbe(client: Client): Promise<DoctorCheck> {
  const tx = await client.transaction("write");
  try {
    await tx.execute("CREATE TABLE doctor_write_probe (checked_at TEXT)");
    await tx.execute({ sql: "INSERT INTO doctor_write_probe (checked_at) VALUES (?)", args: [new Date().toISOString()] });
    return passed("database write", "probe written and rolled back");
  } catch (error) {
    return failed("database write", `refused (${describe(error)}): the token must be a read-write token (turso db tokens create <db>, without --read-only)`);
  } finally {
    await tx.rollback();
    tx.close();
  }
}

async function checkIntegrity(client: Client): Promise<DoctorCheck> {
  let rows;
  try {
    rows = (await client.execute("PRAGMA quick_check")).rows;
  } catch {
    // Turso refuses most PRAGMAs; it checks its own storage.
    return passed("database integrity", "quick_check not allowed by this server (it keeps its own checks)");
  }
  const findings = rows.map((row) => String(Object.values(row)[0]));
  if (findings.length === 1 && findings[0] === "ok") return passed("database integrity", "quick_check ok");
  return failed("database integrity", `quick_check found ${findings.slice(0, 3).join("; ")}: restore the newest backup (npm run db:restore)`);
}

/** The way into the admin the database holds: the built-in login's accounts (Clerk keeps none here). */
export type AdminLogin = { hasClerk: boolean; hasAdminPassword: boolean };

/**
 * With the built-in login, the admin opens only if an owner account exists or ADMIN_PASSWORD is
 * set for the first sign-in (which makes the owner's account): env alone cannot tell, the
 * database can.
 */
async function checkAdminAccounts(client: Client, login: AdminLogin): Promise<DoctorCheck> {
  const NAME_ACCOUNTS = "admin accounts";
  if (login.hasClerk) return passed(NAME_ACCOUNTS, "Clerk manages sign-in (ADMIN_USER_IDS, STAFF_USER_IDS)");
  const { rows } = await client.execute(
    "SELECT count(*) FILTER (WHERE role = 'owner') AS owners, count(*) FILTER (WHERE role = 'staff') AS staff FROM admin_accounts WHERE disabled_at IS NULL",
  );
  const owners = Number(rows[0]?.owners ?? 0);
  const staff = Number(rows[0]?.staff ?? 0);
  if (owners > 0) {
    const leftover = login.hasAdminPassword ? "; ADMIN_PASSWORD opens nothing now and can be removed" : "";
    return passed(NAME_ACCOUNTS, `${owners} owner(s), ${staff} staff${leftover}`);
  }
  if (login.hasAdminPassword) return passed(NAME_ACCOUNTS, "none yet: the first sign-in with ADMIN_PASSWORD makes the owner's account");
  return failed(NAME_ACCOUNTS, "no owner account and no ADMIN_PASSWORD: set ADMIN_PASSWORD (12+ characters) for the first sign-in, which makes the owner's account");
}

export async function checkDatabase(
  config: ConnectionConfig,
  options: { migrationsFolder?: string; timeoutMs?: number; adminLogin?: AdminLogin } = {},
): Promise<DoctorCheck[]> {
  // Opening a missing file would create an empty database and hide the mistake.
  if (isFileUrl(config.url) && !existsSync(filePathOfUrl(config.url))) {
    return [failed(NAME, `no database file at ${filePathOfUrl(config.url)}: check DATABASE_URL, or create it with npm run db:migrate`)];
  }
  let client: Client;
  try {
    client = await withTimeout(openClient({ url: config.url, authToken: config.authToken }, { concurrency: 1 }), options.timeoutMs);
    await withTimeout(client.execute("SELECT 1"), options.timeoutMs);
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 401 || status === 403) return [failed(NAME, `the server refused DATABASE_AUTH_TOKEN (HTTP ${status}): create a new token with turso db tokens create <db>`)];
    if (isNetworkFailure(error)) return [unreachable(NAME, describe(error))];
    return [failed(NAME, `could not open it: ${describe(error)}`)];
  }
  try {
    const checks = [passed(NAME, "reachable, token accepted")];
    checks.push(await withTimeout(checkMigrations(client, options.migrationsFolder ?? MIGRATIONS_FOLDER), options.timeoutMs));
    checks.push(await withTimeout(checkWriteProbe(client), options.timeoutMs));
    checks.push(await withTimeout(checkIntegrity(client), options.timeoutMs));
    if (options.adminLogin && checks.every((check) => check.outcome === "ok")) checks.push(await withTimeout(checkAdminAccounts(client, options.adminLogin), options.timeoutMs));
    return checks;
  } catch (error) {
    return [...[passed(NAME, "reachable, token accepted")], isNetworkFailure(error) ? unreachable(NAME, describe(error)) : failed(NAME, describe(error))];
  } finally {
    client.close();
  }
}
