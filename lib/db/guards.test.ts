import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { batchGuards } from "./schema";
import { db, GUARD_NAMES, guardRefusal, guardStatement, writeBatch, writeTransaction, type GuardName } from "./index";

const holdsNot = (name: GuardName) => ({ name, holds: sql`1 = 0` });
const holds = (name: GuardName) => ({ name, holds: sql`1 = 1` });

async function refusalOf(statement: ReturnType<typeof guardStatement>): Promise<string | null> {
  return writeBatch([statement]).then(
    () => null,
    (error: unknown) => guardRefusal(error) ?? Promise.reject(error),
  );
}

describe("named batch guards", () => {
  it("each name the code may use fails a batch with that name, raised by the database", async () => {
    for (const name of GUARD_NAMES) expect(await refusalOf(guardStatement([holdsNot(name)]))).toBe(name);
  });

  it("names the first guard that fails, counts NULL (a row that is gone) as failing, and passes when all hold", async () => {
    expect(await refusalOf(guardStatement([holds("order"), holdsNot("stock"), holdsNot("discount")]))).toBe("stock");
    expect(await refusalOf(guardStatement([{ name: "event", holds: sql`(SELECT NULL)` }]))).toBe("event");
    expect(await refusalOf(guardStatement(GUARD_NAMES.map(holds)))).toBeNull();
    // A guard that holds leaves nothing behind: the table is only the trigger's doorway.
    const [row] = await (await db()).select({ count: sql<number>`count(*)` }).from(batchGuards);
    expect(row!.count).toBe(0);
  });

  it("aborts the whole batch: the writes before a failing guard are not kept", async () => {
    const before = await (await db()).all<{ n: number }>(sql`SELECT count(*) AS n FROM site_settings`);
    await expect(
      writeBatch([{ sql: "INSERT INTO site_settings (key, value) VALUES ('guarded', '1')", args: [] }, guardStatement([holdsNot("stock")])]),
    ).rejects.toSatisfy((error: unknown) => guardRefusal(error) === "stock");
    const after = await (await db()).all<{ n: number }>(sql`SELECT count(*) AS n FROM site_settings`);
    expect(after).toEqual(before);
  });

  it("is not mistaken for any other failure: a constraint error is no refusal", async () => {
    const constraint = await writeTransaction((tx) => tx.run(sql`INSERT INTO products (slug, name, status) VALUES ('x', 'x', 'nonsense')`)).catch((error: unknown) => error);
    expect(constraint).toBeInstanceOf(Error);
    expect(guardRefusal(constraint)).toBeNull();
  });

  it("refuses a name the database trigger does not know, before anything runs", () => {
    expect(() => guardStatement([{ name: "stok" as GuardName, holds: sql`1` }])).toThrow(/GUARD_NAMES/);
  });

  it("the trigger raises exactly the names in GUARD_NAMES", async () => {
    const [trigger] = await (await db()).all<{ sql: string }>(sql`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'batch_guards_check'`);
    const raised = [...trigger!.sql.matchAll(/WHEN NEW\.name = '([a-z_]+)' THEN RAISE\(ABORT, 'guard:([a-z_]+)'\)/g)];
    expect(raised.every((match) => match[1] === match[2])).toBe(true);
    expect(raised.map((match) => match[1]).sort()).toEqual([...GUARD_NAMES].sort());
  });
});
