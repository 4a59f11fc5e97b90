// The protocol server answers the real @libsql/client over http:// as a libSQL server would.
import { createClient, type Client } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHranaServer, type HranaServer } from "./hrana-server";

const TOKEN = "test-token-0123456789";
let dir: string;
let server: HranaServer;
let client: Client;

function connect(overrides: { authToken?: string; url?: string } = {}): Client {
  return createClient({ url: overrides.url ?? server.url, authToken: "authToken" in overrides ? overrides.authToken : TOKEN });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "hrana-server-"));
  server = await startHranaServer({ dbPath: path.join(dir, "db.sqlite"), token: TOKEN, busyTimeoutMs: 1_000, streamIdleMs: 2_000 });
  client = connect();
  await client.execute("CREATE TABLE yarn (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, grams REAL, swatch BLOB, stock INTEGER CHECK (stock >= 0))");
});

afterAll(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("libSQL protocol server", () => {
  it("executes statements with arguments and returns typed rows", async () => {
    const inserted = await client.execute({ sql: "INSERT INTO yarn (name, grams, swatch, stock) VALUES (?, ?, ?, ?) RETURNING id", args: ["Moss", 100.5, new Uint8Array([1, 2, 3]), 7] });
    expect(inserted.rows).toHaveLength(1);
    expect(inserted.rowsAffected).toBe(1);
    const named = await client.execute({ sql: "SELECT id, name, grams, swatch, stock FROM yarn WHERE name = :name", args: { name: "Moss" } });
    expect(named.columns).toEqual(["id", "name", "grams", "swatch", "stock"]);
    const row = named.rows[0]!;
    expect(row.name).toBe("Moss");
    expect(row.grams).toBe(100.5);
    expect(row.stock).toBe(7);
    expect(Array.from(new Uint8Array(row.swatch as ArrayBuffer))).toEqual([1, 2, 3]);
    const updated = await client.execute({ sql: "UPDATE yarn SET stock = stock - 1 WHERE name = ?", args: ["Moss"] });
    expect(updated.rowsAffected).toBe(1);
    expect(updated.lastInsertRowid).toBeDefined();
  });

  it("reports constraint failures with SQLite's primary code, as sqld does", async () => {
    await expect(client.execute({ sql: "INSERT INTO yarn (name) VALUES (?)", args: ["Moss"] })).rejects.toMatchObject({
      code: "SQLITE_CONSTRAINT",
      message: expect.stringContaining("UNIQUE constraint failed") as unknown,
    });
  });

  it("runs a batch all or nothing", async () => {
    await client.batch([{ sql: "INSERT INTO yarn (name, stock) VALUES (?, 1)", args: ["Heather"] }, { sql: "INSERT INTO yarn (name, stock) VALUES (?, 2)", args: ["Bramble"] }], "write");
    const failed = client.batch([{ sql: "INSERT INTO yarn (name, stock) VALUES (?, 1)", args: ["Sloe"] }, { sql: "UPDATE yarn SET stock = -5 WHERE name = ?", args: ["Heather"] }], "write");
    await expect(failed).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT" });
    const names = await client.execute("SELECT name FROM yarn ORDER BY name");
    expect(names.rows.map((row) => row.name)).toEqual(["Bramble", "Heather", "Moss"]);
  });

  it("keeps an interactive transaction on one stream with batons, and rolls back", async () => {
    const tx = await client.transaction("write");
    await tx.execute({ sql: "INSERT INTO yarn (name, stock) VALUES (?, 3)", args: ["Rowan"] });
    const inside = await tx.execute("SELECT count(*) AS n FROM yarn WHERE name = 'Rowan'");
    expect(inside.rows[0]!.n).toBe(1);
    await tx.rollback();
    const after = await client.execute("SELECT count(*) AS n FROM yarn WHERE name = 'Rowan'");
    expect(after.rows[0]!.n).toBe(0);

    const committed = await client.transaction("write");
    await committed.execute({ sql: "INSERT INTO yarn (name, stock) VALUES (?, 3)", args: ["Rowan"] });
    await committed.commit();
    expect((await client.execute("SELECT count(*) AS n FROM yarn WHERE name = 'Rowan'")).rows[0]!.n).toBe(1);
    expect(server.openStreams()).toBe(0);
  });

  it("runs executeMultiple as a sequence", async () => {
    await client.executeMultiple("CREATE TABLE dye (id INTEGER PRIMARY KEY); INSERT INTO dye VALUES (1); INSERT INTO dye VALUES (2);");
    expect((await client.execute("SELECT count(*) AS n FROM dye")).rows[0]!.n).toBe(2);
  });

  it("makes a second writer wait for the first stream's transaction, then run", async () => {
    const other = connect();
    const first = await client.transaction("write");
    await first.execute("UPDATE yarn SET stock = 10 WHERE name = 'Moss'");
    const started = Date.now();
    let secondDone = 0;
    const second = other.execute("UPDATE yarn SET stock = stock + 1 WHERE name = 'Moss'").then((result) => {
      secondDone = Date.now();
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone).toBe(0);
    await first.commit();
    await second;
    expect(secondDone - started).toBeGreaterThanOrEqual(300);
    expect((await client.execute("SELECT stock FROM yarn WHERE name = 'Moss'")).rows[0]!.stock).toBe(11);
    other.close();
  });

  it("fails a writer with SQLITE_BUSY once the busy timeout passes", async () => {
    const other = connect();
    const holder = await client.transaction("write");
    await holder.execute("UPDATE yarn SET stock = 1 WHERE name = 'Moss'");
    const started = Date.now();
    await expect(other.execute("UPDATE yarn SET stock = 2 WHERE name = 'Moss'")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    await holder.rollback();
    other.close();
  });

  it("lets readers through while a write transaction is open (WAL)", async () => {
    const holder = await client.transaction("write");
    await holder.execute("UPDATE yarn SET stock = 99 WHERE name = 'Moss'");
    const reader = connect();
    const seen = await reader.execute("SELECT stock FROM yarn WHERE name = 'Moss'");
    expect(seen.rows[0]!.stock).toBe(11);
    await holder.rollback();
    reader.close();
  });

  it("expires an idle stream: its transaction is rolled back and its baton refused", async () => {
    const tx = await client.transaction("write");
    await tx.execute("UPDATE yarn SET stock = 55 WHERE name = 'Moss'");
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    expect(server.openStreams()).toBe(0);
    await expect(tx.execute("SELECT 1")).rejects.toThrow();
    expect((await client.execute("SELECT stock FROM yarn WHERE name = 'Moss'")).rows[0]!.stock).toBe(11);
  });

  it("answers 401 to a missing or wrong token", async () => {
    const anonymous = connect({ authToken: undefined });
    await expect(anonymous.execute("SELECT 1")).rejects.toThrow(/401|Unauthorized/);
    anonymous.close();
    const wrong = connect({ authToken: "not-the-token" });
    await expect(wrong.execute("SELECT 1")).rejects.toThrow(/401|Unauthorized/);
    wrong.close();
    const raw = await fetch(`${server.url}/v2/pipeline`, { method: "POST", body: JSON.stringify({ requests: [] }) });
    expect(raw.status).toBe(401);
  });

  it.each([
    ["ATTACH DATABASE '/tmp/other.db' AS other", /ATTACH/],
    ["/* sneaky */ ATTACH '/tmp/other.db' AS other", /ATTACH/],
    ["PRAGMA journal_mode = DELETE", /journal mode/],
    ["PRAGMA busy_timeout = 10000", /busy_timeout/],
    ["PRAGMA user_version = 3", /read-only/],
    ["SELECT load_extension('/tmp/evil.so')", /extensions/],
    ["VACUUM INTO '/tmp/copy.db'", /VACUUM INTO/],
  ])("refuses %s", async (sql, reason) => {
    await expect(client.execute(sql)).rejects.toMatchObject({ code: "BLOCKED", message: expect.stringMatching(reason) as unknown });
  });

  it("still answers the PRAGMAs Turso allows (reads, foreign_key_check, table_info)", async () => {
    expect((await client.execute("PRAGMA journal_mode")).rows[0]![0]).toBe("wal");
    expect((await client.execute("PRAGMA table_info(yarn)")).rows.length).toBe(5);
    expect((await client.execute("PRAGMA foreign_key_check")).rows).toEqual([]);
  });

  it("refuses a forbidden statement hidden in a sequence", async () => {
    await expect(client.executeMultiple("SELECT 1; ATTACH '/tmp/x.db' AS x;")).rejects.toMatchObject({ code: "BLOCKED" });
  });

  it("delays every HTTP request by the configured time", async () => {
    const slow = await startHranaServer({ dbPath: path.join(dir, "db.sqlite"), delayMs: 120 });
    const slowClient = createClient({ url: slow.url });
    try {
      const started = Date.now();
      await slowClient.execute("SELECT 1");
      await slowClient.execute("SELECT 2");
      expect(Date.now() - started).toBeGreaterThanOrEqual(240);
      expect(slow.requestCount()).toBe(2);
    } finally {
      slowClient.close();
      await slow.close();
    }
  });

  it("answers 400 to a baton it never issued", async () => {
    const response = await fetch(`${server.url}/v2/pipeline`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ baton: "made-up", requests: [{ type: "close" }] }),
    });
    expect(response.status).toBe(400);
  });
});

describe("libSQL protocol server's write lock, as sqld hands it out", () => {
  let lockDir: string;
  let lockServer: HranaServer;
  const clients: Client[] = [];

  function lockClient(): Client {
    const opened = createClient({ url: lockServer.url, authToken: TOKEN });
    clients.push(opened);
    return opened;
  }

  const text = async (sql: string) => (await lockClient().execute(sql)).rows[0]![0];
  const until = async (check: () => boolean) => {
    for (let waited = 0; !check(); waited += 10) {
      if (waited > 5_000) throw new Error("timed out waiting for the server");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeAll(async () => {
    lockDir = mkdtempSync(path.join(tmpdir(), "hrana-lock-"));
    lockServer = await startHranaServer({ dbPath: path.join(lockDir, "db.sqlite"), token: TOKEN, busyTimeoutMs: 3_000, transactionTimeoutMs: 600 });
    await lockClient().execute("CREATE TABLE journal (id INTEGER PRIMARY KEY CHECK (id = 1), entries TEXT NOT NULL)");
  });

  afterAll(async () => {
    clients.forEach((opened) => opened.close());
    await lockServer.close();
    rmSync(lockDir, { recursive: true, force: true });
  });

  it("rolls back a transaction that holds the lock past its time while another writer waits, and fails its next request", async () => {
    await lockClient().execute("INSERT OR REPLACE INTO journal VALUES (1, '')");
    const holder = await lockClient().transaction("write");
    await holder.execute("UPDATE journal SET entries = entries || 'stolen'");
    const started = Date.now();
    await lockClient().execute("UPDATE journal SET entries = entries || 'waiter'");
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(500);
    expect(waited).toBeLessThan(2_500);
    await expect(holder.execute("UPDATE journal SET entries = entries || 'late'")).rejects.toMatchObject({ code: "TRANSACTION_TIMEOUT" });
    holder.close();
    expect(await text("SELECT entries FROM journal")).toBe("waiter");
    expect(lockServer.waitingWriters()).toBe(0);
  });

  it("leaves a long transaction alone while nobody waits for the lock", async () => {
    await lockClient().execute("INSERT OR REPLACE INTO journal VALUES (1, '')");
    const holder = await lockClient().transaction("write");
    await holder.execute("UPDATE journal SET entries = entries || 'slow'");
    await new Promise((resolve) => setTimeout(resolve, 900));
    await holder.execute("UPDATE journal SET entries = entries || '-done'");
    await holder.commit();
    expect(await text("SELECT entries FROM journal")).toBe("slow-done");
  });

  it("wakes waiting writers in the order they asked, as soon as the holder commits", async () => {
    await lockClient().execute("INSERT OR REPLACE INTO journal VALUES (1, '')");
    const holder = await lockClient().transaction("write");
    await holder.execute("UPDATE journal SET entries = entries || 'H'");
    const finished: string[] = [];
    const writes: Promise<unknown>[] = [];
    for (const name of ["A", "B", "C", "D"]) {
      const waiter = lockClient();
      writes.push(waiter.execute(`UPDATE journal SET entries = entries || '${name}'`).then(() => finished.push(name)));
      await until(() => lockServer.waitingWriters() === writes.length);
    }
    const committed = Date.now();
    await holder.commit();
    await Promise.all(writes);
    expect(Date.now() - committed).toBeLessThan(500);
    expect(finished).toEqual(["A", "B", "C", "D"]);
    expect(await text("SELECT entries FROM journal")).toBe("HABCD");
  });

  it("hands the lock to a waiting transaction before a writer that arrives later", async () => {
    await lockClient().execute("INSERT OR REPLACE INTO journal VALUES (1, '')");
    const holder = await lockClient().transaction("write");
    await holder.execute("UPDATE journal SET entries = entries || '1'");
    // The client sends a transaction's BEGIN with its first statement.
    const queued = await lockClient().transaction("write");
    const queuedFirst = queued.execute("UPDATE journal SET entries = entries || '2'");
    await until(() => lockServer.waitingWriters() === 1);
    await holder.commit();
    await queuedFirst;
    const late = lockClient().execute("UPDATE journal SET entries = entries || '3'");
    await until(() => lockServer.waitingWriters() === 1);
    await queued.execute("UPDATE journal SET entries = entries || '+'");
    await queued.commit();
    await late;
    expect(await text("SELECT entries FROM journal")).toBe("12+3");
  });

  it("steals from a stream whose process died mid-transaction, without waiting for the stream to expire", async () => {
    await lockClient().execute("INSERT OR REPLACE INTO journal VALUES (1, '')");
    const abandoned = await lockClient().transaction("write");
    await abandoned.execute("UPDATE journal SET entries = entries || 'lost'");
    const started = Date.now();
    await lockClient().execute("UPDATE journal SET entries = entries || 'next'");
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(await text("SELECT entries FROM journal")).toBe("next");
  });
});
