import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "libsql";
import { afterAll, describe, expect, it } from "vitest";
import { cachePreparedStatements } from "./statement-cache";

type Row = unknown[];
type Conn = {
  prepare(sql: string): { run(args: unknown[]): { changes: number }; all(args: unknown[]): Row[]; raw(on: boolean): unknown };
  exec(sql: string): void;
  close(): void;
};

const folder = mkdtempSync(path.join(tmpdir(), "statement-cache-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function open(file: string): Conn {
  return new (Database as unknown as new (file: string) => Conn)(path.join(folder, file));
}

describe("the prepared-statement cache of file connections", () => {
  cachePreparedStatements();

  it("hands one connection the statement it prepared before, and another connection its own", () => {
    const a = open("one.db");
    const b = open("one.db");
    a.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)");
    expect(a.prepare("SELECT v FROM t WHERE id = ?")).toBe(a.prepare("SELECT v FROM t WHERE id = ?"));
    expect(b.prepare("SELECT v FROM t WHERE id = ?")).not.toBe(a.prepare("SELECT v FROM t WHERE id = ?"));
    a.close();
    b.close();
  });

  it("gives the right answers when a statement is reused with other values, after an error too", () => {
    const db = open("two.db");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)");
    const insert = "INSERT INTO t (v) VALUES (?)";
    db.prepare(insert).run(["a"]);
    expect(() => db.prepare(insert).run(["a"])).toThrow(/UNIQUE/);
    db.prepare(insert).run(["b"]);
    const select = "SELECT v FROM t WHERE id >= ? ORDER BY id";
    const read = (from: number) => {
      const statement = db.prepare(select);
      statement.raw(true);
      return statement.all([from]);
    };
    expect(read(1)).toEqual([["a"], ["b"]]);
    expect(read(2)).toEqual([["b"]]);
    db.close();
  });

  it("sees a schema change another connection made (SQLite prepares a stale statement again)", () => {
    const app = open("three.db");
    const other = open("three.db");
    app.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    const insert = "INSERT INTO t (v) VALUES (?)";
    app.prepare(insert).run(["before"]);
    other.exec("CREATE TRIGGER refuse BEFORE INSERT ON t BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END");
    expect(() => app.prepare(insert).run(["after"])).toThrow(/refused by trigger/);
    other.exec("DROP TRIGGER refuse");
    expect(app.prepare(insert).run(["again"]).changes).toBe(1);
    app.close();
    other.close();
  });

  it("keeps at most 256 shapes per connection, dropping the least recently used", () => {
    const db = open("four.db");
    const first = db.prepare("SELECT 0");
    for (let n = 1; n <= 256; n += 1) {
      db.prepare(`SELECT ${n}`);
      if (n % 64 === 0) expect(db.prepare("SELECT 0")).toBe(first); // used again: stays
    }
    expect(db.prepare("SELECT 0")).toBe(first);
    const oldest = "SELECT 1";
    for (let n = 257; n <= 600; n += 1) db.prepare(`SELECT ${n}`);
    expect(db.prepare("SELECT 0")).not.toBe(first);
    expect(db.prepare(oldest).all([])).toEqual([{ 1: 1 }]);
    db.close();
  });
});

/**
 * The cache is only safe while @libsql/client reads every result with `all()` synchronously after
 * `prepare` (see statement-cache.ts). Both packages are pinned to exact versions in package.json; this
 * is the test that fails if an upgrade starts iterating statements lazily or stops preparing through
 * the connection's `prepare`.
 */
describe("the pinned @libsql/client uses statements the way the cache relies on", () => {
  it("prepares through the connection and reads every result with all(), never a lazy iterator", async () => {
    const { createClient } = await import("@libsql/client");
    const probe = open("probe.db");
    const statementPrototype = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, (...args: unknown[]) => unknown>;
    probe.close();
    // libsql's own all() drains iterate() synchronously; only an iterate() from outside it is lazy.
    const calls = { iterate: 0, all: 0 };
    let isInsideAll = false;
    const iterate = statementPrototype.iterate!;
    const all = statementPrototype.all!;
    statementPrototype.iterate = function (this: unknown, ...args: unknown[]) {
      if (!isInsideAll) calls.iterate += 1;
      return iterate.apply(this, args);
    };
    statementPrototype.all = function (this: unknown, ...args: unknown[]) {
      calls.all += 1;
      isInsideAll = true;
      try {
        return all.apply(this, args);
      } finally {
        isInsideAll = false;
      }
    };
    const client = createClient({ url: `file:${path.join(folder, "client.db")}` });
    try {
      await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
      await client.batch(Array.from({ length: 20 }, (_, n) => ({ sql: "INSERT INTO t (v) VALUES (?)", args: [n] })), "write");
      // Many reads of one SQL text at once, each with its own bound value: one cached statement serves them all.
      const reads = await Promise.all(Array.from({ length: 20 }, (_, n) => client.execute({ sql: "SELECT v FROM t WHERE v >= ? ORDER BY v", args: [n] })));
      reads.forEach((result, n) => expect(result.rows.map((row) => row.v)).toEqual(Array.from({ length: 20 - n }, (_, k) => n + k)));
      const tx = await client.transaction("write");
      await tx.execute({ sql: "UPDATE t SET v = v + 100 WHERE id = ?", args: [1] });
      expect((await tx.execute("SELECT max(v) AS top FROM t")).rows[0]!.top).toBe(100);
      await tx.commit();
      expect(calls.iterate).toBe(0);
      expect(calls.all).toBeGreaterThanOrEqual(22);
    } finally {
      client.close();
      statementPrototype.iterate = iterate;
      statementPrototype.all = all;
    }
  });
});
