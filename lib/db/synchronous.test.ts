import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { closeDb, db, writeTransaction } from "./index";

async function writerSynchronous(): Promise<number> {
  return writeTransaction(async (tx) => Number((await tx.get<{ synchronous: number }>(sql`PRAGMA synchronous`))!.synchronous));
}

describe("DATABASE_SYNCHRONOUS (file databases)", () => {
  afterEach(async () => {
    delete process.env.DATABASE_SYNCHRONOUS;
    resetEnvForTests();
    await closeDb();
  });

  it("commits through the write queue with synchronous=NORMAL by default, and FULL when asked", async () => {
    await closeDb();
    expect(await writerSynchronous()).toBe(1);

    process.env.DATABASE_SYNCHRONOUS = "full";
    resetEnvForTests();
    await closeDb();
    expect(await writerSynchronous()).toBe(2);
    // The journal stays WAL either way: readers never wait for the writer.
    expect(String(Object.values((await (await db()).get<Record<string, unknown>>(sql`PRAGMA journal_mode`))!)[0])).toBe("wal");
  });
});
