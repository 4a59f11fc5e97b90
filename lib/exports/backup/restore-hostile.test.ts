// A backup is data from outside the shop: db:restore must load only what a backup of this schema
// can hold, whatever else someone writes into the file (and its manifest's SHA-256 beside it).
import { createClient } from "@libsql/client";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filePathOfUrl, openClient, type ConnectionConfig } from "@/lib/db/client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { env } from "@/lib/env";
import { manifestPathFor, sha256OfFile } from "./backup-manifest";
import { createBackup, type BackupResult } from "./create-backup";
import { restoreBackup } from "./restore-backup";
import { tableChecksums } from "./table-checksums";

const workDir = mkdtempSync(path.join(tmpdir(), "store-restore-hostile-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const SIGNING_KEY = "a-backup-signing-key-of-forty-characters!";
const source = (): ConnectionConfig => ({ url: env().DATABASE_URL });
const targetFile = (name: string) => path.join(workDir, "targets", `${name}.db`);
const targetOf = (name: string): ConnectionConfig => ({ url: pathToFileURL(targetFile(name)).href });

let dump: BackupResult;
let snapshot: BackupResult;

beforeAll(async () => {
  mkdirSync(path.join(workDir, "targets"), { recursive: true });
  await seedDemoData({ anchor: new Date("2026-06-01T12:00:00.000Z"), customers: 20, orders: 40 });
  dump = await createBackup({ source: source(), outDir: path.join(workDir, "genuine"), logical: true, signingKey: null });
  snapshot = await createBackup({ source: source(), outDir: path.join(workDir, "genuine"), signingKey: null });
});

/** What someone with write access to the backups folder can do: change the file and rewrite its SHA-256. */
async function tamperedCopy(backup: BackupResult, name: string, edit: (file: string) => void | Promise<void>): Promise<string> {
  const dir = path.join(workDir, name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, path.basename(backup.file));
  copyFileSync(backup.file, file);
  copyFileSync(backup.manifestFile, manifestPathFor(file));
  await edit(file);
  const manifest = JSON.parse(readFileSync(manifestPathFor(file), "utf8")) as Record<string, unknown>;
  writeFileSync(manifestPathFor(file), JSON.stringify({ ...manifest, ...(await sha256OfFile(file)) }, null, 2));
  return file;
}

/** A dump with SQL spliced in just before its final COMMIT. */
const dumpWith = (name: string, sql: string) =>
  tamperedCopy(dump, name, (file) => {
    const text = readFileSync(file, "utf8");
    const end = text.lastIndexOf("COMMIT;");
    writeFileSync(file, `${text.slice(0, end)}${sql}\n${text.slice(end)}`);
  });

async function schemaOf(file: string): Promise<string[]> {
  if (!existsSync(file)) return [];
  const client = createClient({ url: pathToFileURL(file).href });
  try {
    return (await client.execute("SELECT type || ' ' || name AS object FROM sqlite_master ORDER BY 1")).rows.map((row) => String(row.object));
  } finally {
    client.close();
  }
}

const SIGN_OUT_KILLER =
  "CREATE TRIGGER keep_signed_in AFTER INSERT ON admin_session_revocations BEGIN DELETE FROM admin_session_revocations WHERE id = NEW.id; END;";

describe("db:restore of a logical dump someone edited", () => {
  it("refuses an appended ATTACH + INSERT and writes no file anywhere", async () => {
    const planted = path.join(workDir, "planted.txt");
    const file = await dumpWith(
      "attach",
      `ATTACH DATABASE '${planted}' AS x;\nCREATE TABLE x.loot (body TEXT);\nINSERT INTO x.loot SELECT email FROM customers;`,
    );
    await expect(restoreBackup({ backupFile: file, target: targetOf("attach"), signingKey: null })).rejects.toThrow(/holds `ATTACH DATABASE`, which no backup contains/);
    expect(existsSync(planted)).toBe(false);
    expect(existsSync(targetFile("attach"))).toBe(false);
  });

  it("refuses a trigger that would silently undo every sign-out, and the target never gets it", async () => {
    const file = await dumpWith("trigger", SIGN_OUT_KILLER);
    await expect(restoreBackup({ backupFile: file, target: targetOf("trigger"), signingKey: null })).rejects.toThrow(
      /extra trigger "keep_signed_in" that the migrations \(up to \d{4}_\w+\) do not make/,
    );
    expect(await schemaOf(targetFile("trigger"))).not.toContain("trigger keep_signed_in");
  });

  it("names an extra table, an extra view and an altered column", async () => {
    const cases: [string, string, RegExp][] = [
      ["table", 'CREATE TABLE "notes" ("id" integer PRIMARY KEY, "body" text);', /extra table "notes"/],
      ["view", "CREATE VIEW everyone AS SELECT email FROM customers;", /extra view "everyone"/],
      ["index", 'CREATE INDEX "customers_phone_idx" ON "customers" ("phone");', /extra index "customers_phone_idx"/],
    ];
    for (const [name, sql, message] of cases) {
      const file = await dumpWith(`extra-${name}`, sql);
      await expect(restoreBackup({ backupFile: file, target: targetOf(`extra-${name}`), signingKey: null })).rejects.toThrow(message);
    }
    const altered = await tamperedCopy(dump, "altered", (file) => {
      const text = readFileSync(file, "utf8");
      writeFileSync(file, text.replace("`session_nonce` text,", "`session_nonce` text DEFAULT 'x',"));
    });
    await expect(restoreBackup({ backupFile: altered, target: targetOf("altered"), signingKey: null })).rejects.toThrow(
      /table "admin_session_revocations" differs from the migrations' .*has `.session_nonce. text DEFAULT 'x'`, lacks `.session_nonce. text`/,
    );
  });

  it("refuses a dump that leaves out part of the migrations' schema", async () => {
    const file = await tamperedCopy(dump, "missing-index", (path) => {
      const text = readFileSync(path, "utf8");
      writeFileSync(path, text.replace(/CREATE INDEX `admin_session_revocations_scope_idx`[^;]*;\n/, ""));
    });
    await expect(restoreBackup({ backupFile: file, target: targetOf("missing-index"), signingKey: null })).rejects.toThrow(
      /lacks part of the migrations' schema .*index "admin_session_revocations_scope_idx"/,
    );
  });

  it("refuses every statement that is not a plain INSERT of literals into the migrations' tables", async () => {
    const cases: [string, string, RegExp][] = [
      ["sqlite-master", "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('view', 'v', 'v', 0, 'CREATE VIEW v AS SELECT 1');", /"sqlite_master", a table the migrations do not make/],
      ["unknown-table", 'INSERT INTO "notes" ("body") VALUES (\'hi\');', /"notes", a table the migrations do not make/],
      ["unknown-column", 'INSERT INTO "customers" ("id", "is_admin") VALUES (999, 1);', /naming "is_admin", a column the migrations do not make/],
      ["select", 'INSERT INTO "audit_log" ("actor", "action", "entity_type") SELECT email, \'x\', \'y\' FROM customers;', /not INSERT … VALUES/],
      ["expression", "INSERT INTO \"audit_log\" (\"actor\", \"action\", \"entity_type\") VALUES (load_extension('evil'), 'x', 'y');", /not plain literals/],
      ["or-replace", 'INSERT OR REPLACE INTO "site_settings" ("key", "value") VALUES (\'k\', \'v\');', /other than INSERT INTO/],
      ["returning", 'INSERT INTO "audit_log" ("actor", "action", "entity_type") VALUES (\'a\', \'b\', \'c\') RETURNING id;', /followed by more SQL/],
      ["pragma", "PRAGMA writable_schema=ON;", /holds `PRAGMA WRITABLE_SCHEMA=ON`/],
      ["update", "UPDATE customers SET email = 'attacker@example.com';", /holds `UPDATE CUSTOMERS`/],
      ["delete", "DELETE FROM admin_session_revocations;", /holds `DELETE FROM`/],
      ["detach", "DETACH DATABASE x;", /holds `DETACH DATABASE`/],
      ["one-line", "INSERT INTO \"audit_log\" (\"actor\", \"action\", \"entity_type\") VALUES ('a', 'b;', 'c'); DROP TABLE orders; -- ok", /holds `DROP TABLE`/],
      ["sequence", "INSERT INTO sqlite_sequence (name, seq) VALUES ('sqlite_master', 5);", /not an AUTOINCREMENT counter/],
      ["search-index", 'INSERT INTO "catalog_search" ("name", "colourways", "description") VALUES (\'Free yarn\', \'\', \'\');', /"catalog_search", part of the search index a restore rebuilds/],
      ["search-shadow", 'INSERT INTO "catalog_search_data" ("id", "block") VALUES (99, X\'00\');', /"catalog_search_data", part of the search index a restore rebuilds/],
    ];
    for (const [name, sql, message] of cases) {
      const file = await dumpWith(name, sql);
      await expect(restoreBackup({ backupFile: file, target: targetOf(name), signingKey: null }), name).rejects.toThrow(message);
      expect(existsSync(targetFile(name)), name).toBe(false);
    }
  });

  it("keeps a target holding data untouched when --force meets a refused dump", async () => {
    await restoreBackup({ backupFile: dump.file, target: targetOf("force"), signingKey: null });
    const before = await tableChecksumsOf(targetOf("force"));
    const file = await dumpWith("force", SIGN_OUT_KILLER);
    await expect(restoreBackup({ backupFile: file, target: targetOf("force"), force: true, signingKey: null })).rejects.toThrow(/extra trigger/);
    expect(await tableChecksumsOf(targetOf("force"))).toEqual(before);
    expect(await schemaOf(targetFile("force"))).not.toContain("trigger keep_signed_in");
  });
});

async function tableChecksumsOf(config: ConnectionConfig) {
  const client = await openClient(config);
  try {
    return await tableChecksums(client);
  } finally {
    client.close();
  }
}

describe("db:restore of a snapshot someone edited", () => {
  it("refuses a snapshot with an extra trigger before it replaces anything", async () => {
    const file = await tamperedCopy(snapshot, "snapshot-trigger", async (path) => {
      const client = createClient({ url: pathToFileURL(path).href });
      await client.execute(SIGN_OUT_KILLER.slice(0, -1));
      client.close();
    });
    await expect(restoreBackup({ backupFile: file, target: targetOf("snapshot-trigger"), signingKey: null })).rejects.toThrow(
      /The snapshot's schema is not the migrations' .*an extra trigger "keep_signed_in" on "admin_session_revocations"/,
    );
    expect(await schemaOf(targetFile("snapshot-trigger"))).toEqual([]);
    expect(existsSync(`${targetFile("snapshot-trigger")}.restoring`)).toBe(false);
  });

  it("refuses a snapshot with an extra table or view, or a broken reference", async () => {
    const cases: [string, string[], RegExp][] = [
      ["snapshot-table", ["CREATE TABLE notes (body TEXT)"], /an extra table "notes"/],
      ["snapshot-view", ["CREATE VIEW everyone AS SELECT email FROM customers"], /an extra view "everyone"/],
      ["snapshot-orphan", ["PRAGMA foreign_keys = OFF", "UPDATE order_items SET order_id = 999999 WHERE id = 1"], /broken references \(PRAGMA foreign_key_check: order_items\)/],
    ];
    for (const [name, statements, message] of cases) {
      const file = await tamperedCopy(snapshot, name, async (path) => {
        const client = createClient({ url: pathToFileURL(path).href });
        for (const statement of statements) await client.execute(statement);
        client.close();
      });
      await expect(restoreBackup({ backupFile: file, target: targetOf(name), signingKey: null }), name).rejects.toThrow(message);
    }
  });
});

describe("signed backups (BACKUP_SIGNING_KEY)", () => {
  it("signs both kinds, and a genuine signed backup restores and verifies", async () => {
    for (const logical of [true, false]) {
      const backup = await createBackup({ source: source(), outDir: path.join(workDir, "signed"), logical, signingKey: SIGNING_KEY });
      expect(backup.manifest.hmacSha256).toMatch(/^[0-9a-f]{64}$/);
      const progress: string[] = [];
      const name = logical ? "signed-logical" : "signed-snapshot";
      await restoreBackup({ backupFile: backup.file, target: targetOf(name), signingKey: SIGNING_KEY, onProgress: (line) => progress.push(line) });
      expect(progress).toContain("Signature ok: made with this BACKUP_SIGNING_KEY and unchanged since (HMAC-SHA256).");
      expect(await tableChecksumsOf(targetOf(name))).toEqual(await tableChecksumsOf(source()));
    }
  });

  it("refuses a signed backup whose file (and SHA-256) or manifest was changed, or that another key signed", async () => {
    const signed = await createBackup({ source: source(), outDir: path.join(workDir, "signed-tampered"), logical: true, signingKey: SIGNING_KEY });
    const file = await tamperedCopy(signed, "signed-tampered-file", (path) => {
      writeFileSync(path, readFileSync(path, "utf8").replace("'HD-1001'", "'HD-9999'"));
    });
    await expect(restoreBackup({ backupFile: file, target: targetOf("signed-tampered"), signingKey: SIGNING_KEY })).rejects.toThrow(/signature does not verify/);
    expect(existsSync(targetFile("signed-tampered"))).toBe(false);

    const counts = await tamperedCopy(signed, "signed-tampered-manifest", (path) => {
      const manifest = JSON.parse(readFileSync(manifestPathFor(path), "utf8"));
      writeFileSync(manifestPathFor(path), JSON.stringify({ ...manifest, source: "file:elsewhere.db" }));
    });
    await expect(restoreBackup({ backupFile: counts, target: targetOf("signed-tampered-2"), signingKey: SIGNING_KEY })).rejects.toThrow(/signature does not verify/);
    await expect(restoreBackup({ backupFile: signed.file, target: targetOf("other-key"), signingKey: "another-key-that-is-long-enough-to-use-0001" })).rejects.toThrow(
      /signature does not verify/,
    );
  });

  it("refuses an unsigned backup when a key is set, unless --allow-unsigned, and refuses a key too short", async () => {
    await expect(restoreBackup({ backupFile: dump.file, target: targetOf("unsigned"), signingKey: SIGNING_KEY })).rejects.toThrow(
      /BACKUP_SIGNING_KEY is set but this backup is not signed.*--allow-unsigned/,
    );
    expect(existsSync(targetFile("unsigned"))).toBe(false);
    const progress: string[] = [];
    await restoreBackup({ backupFile: dump.file, target: targetOf("unsigned"), signingKey: SIGNING_KEY, allowUnsigned: true, onProgress: (line) => progress.push(line) });
    expect(progress).toContainEqual(expect.stringMatching(/^WARNING: restoring an UNSIGNED backup/));
    await expect(createBackup({ source: source(), outDir: path.join(workDir, "short-key"), signingKey: "short" })).rejects.toThrow(/at least 32 characters/);
  });
});

describe("a genuine backup of an older schema", () => {
  it("restores at the migration it was taken at, and the migrations then bring it up to date", async () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const older = path.join(workDir, "older-drizzle");
    mkdirSync(path.join(older, "meta"), { recursive: true });
    const entries = journal.entries.slice(0, -1);
    writeFileSync(path.join(older, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
    for (const entry of entries) copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(older, `${entry.tag}.sql`));
    const olderSource = { url: pathToFileURL(path.join(workDir, "older-source.db")).href };
    await migrateDatabase(olderSource, older);

    for (const logical of [true, false]) {
      const backup = await createBackup({ source: olderSource, outDir: path.join(workDir, "older"), logical, signingKey: null });
      expect(backup.manifest.lastMigration?.tag).toBe(entries.at(-1)!.tag);
      const target = targetOf(logical ? "older-logical" : "older-snapshot");
      const progress: string[] = [];
      await restoreBackup({ backupFile: backup.file, target, signingKey: null, onProgress: (line) => progress.push(line) });
      expect(progress.join("\n")).toContain(`(up to ${entries.at(-1)!.tag})`);
      await migrateDatabase(target);
      expect(await schemaOf(targetFile(logical ? "older-logical" : "older-snapshot"))).toEqual(await schemaOf(filePathOfUrl(env().DATABASE_URL)));
    }
  });
});
