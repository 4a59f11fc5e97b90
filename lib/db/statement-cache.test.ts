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
