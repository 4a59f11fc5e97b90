import { createClient } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { dumpStatements, splitSqlStatements, sqlLiteral } from "./sql-dump";
import { tableChecksums } from "./table-checksums";

const workDir = mkdtempSync(path.join(tmpdir(), "store-dump-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const fileClient = (name: string) => createClient({ url: pathToFileURL(path.join(workDir, `${name}.db`)).href, intMode: "bigint" });

async function split(text: string, chunkSize: number): Promise<string[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const statements: string[] = [];
  for await (const statement of splitSqlStatements(chunks())) statements.push(statement);
  return statements;
}

describe("the SQL statement splitter", () => {
  const text = [
    "-- a comment; with a semicolon",
    "CREATE TABLE \"a;b\" (x TEXT, [y;z] INT, `w;` INT);",
    "INSERT INTO \"a;b\" VALUES ('it''s; fine', 1, 2), ('line one",
    "line two -- not a comment; still text', 3, 4); /* block; comment */",
    "CREATE TRIGGER t AFTER INSERT ON \"a;b\" BEGIN UPDATE \"a;b\" SET x = 'a;' WHERE 0; DELETE FROM \"a;b\" WHERE 0; END;",
    "COMMIT;",
    "",
  ].join("\n");

  it("splits at semicolons outside strings, identifiers and comments, whatever the chunk size", async () => {
    const expected = [
      'CREATE TABLE "a;b" (x TEXT, [y;z] INT, `w;` INT)',
      "INSERT INTO \"a;b\" VALUES ('it''s; fine', 1, 2), ('line one\nline two -- not a comment; still text', 3, 4)",
      "CREATE TRIGGER t AFTER INSERT ON \"a;b\" BEGIN UPDATE \"a;b\" SET x = 'a;' WHERE 0; DELETE FROM \"a;b\" WHERE 0; END",
      "COMMIT",
    ];
    for (const size of [1, 2, 3, 7, 64, 10_000]) expect(await split(text, size)).toEqual(expected);
  });

  it("reports a file cut off inside a string or without its last semicolon as truncated", async () => {
    await expect(split("INSERT INTO t VALUES ('unfinished", 5)).rejects.toThrow(/truncated/);
    await expect(split("INSERT INTO t VALUES (1)", 5)).rejects.toThrow(/truncated/);
  });
});

describe("a logical dump", () => {
  it("writes values that read back with the same type and value", async () => {
    expect(sqlLiteral(1.0)).toBe("1.0");
    expect(sqlLiteral(2n ** 62n)).toBe("4611686018427387904");
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral(new Uint8Array([0, 255]))).toBe("X'00ff'");

    const source = fileClient("source");
    await source.execute("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, big INTEGER, r REAL, s TEXT, b BLOB, n)");
    await source.execute({
      sql: "INSERT INTO t (big, r, s, b, n) VALUES (?, ?, ?, ?, NULL), (?, ?, ?, ?, 7)",
      args: [9007199254740993n, 1.0, "line\nbreak; 'quoted' -- dashes", new Uint8Array([1, 2, 3]), -1n, 0.1, "Müller 日本", new Uint8Array([])],
    });
    await source.execute("DELETE FROM t WHERE id = 2");
    await source.execute("INSERT INTO t (s) VALUES ('third')");
    const counts: Record<string, number> = {};
    const statements: string[] = [];
    const tx = await source.transaction("read");
    for await (const statement of dumpStatements(tx, counts)) statements.push(statement);
    tx.close();
    expect(counts).toEqual({ t: 2 });

    const script = statements.map((statement) => `${statement};\n`).join("");
    expect(await split(script, 13)).toEqual(statements);
    // The dump is an ordinary SQL script: what sqlite3 or `turso db shell` would run.
    const target = fileClient("target");
    await target.executeMultiple(script);
    expect(await tableChecksums(target)).toEqual(await tableChecksums(source));
    // The AUTOINCREMENT counter came along: the next id is 4, never a reused 2.
    await target.execute("INSERT INTO t (s) VALUES ('next')");
    expect((await target.execute("SELECT max(id) AS id FROM t")).rows[0]!.id).toBe(4n);
  });
});
