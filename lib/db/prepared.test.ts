import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createVariants } from "@/tests/factories/product";
import { db, writeTransaction } from "@/lib/db";
import { inJsonList, jsonList, preparedPerHandle } from "./prepared";
import { productVariants } from "./schema";

describe("preparedPerHandle", () => {
  it("builds once per handle, and a transaction gets its own", async () => {
    let builds = 0;
    const query = preparedPerHandle((handle) => {
      builds += 1;
      return handle.select({ id: productVariants.id }).from(productVariants).where(inJsonList(productVariants.id, "ids")).orderBy(asc(productVariants.id)).prepare();
    });
    const reader = await db();
    expect(query(reader)).toBe(query(reader));
    expect(builds).toBe(1);
    await writeTransaction(async (tx) => {
      expect(query(tx)).not.toBe(query(reader));
    });
    expect(builds).toBe(2);
  });

  it("reads the same rows through one JSON list as an IN list, for 1 and for 50 values", async () => {
    const variants = await createVariants(50);
    const ids = variants.map((variant) => variant.variantId);
    const query = preparedPerHandle((handle) =>
      handle.select({ id: productVariants.id }).from(productVariants).where(inJsonList(productVariants.id, "ids")).orderBy(asc(productVariants.id)).prepare(),
    );
    for (const some of [ids.slice(0, 1), ids]) {
      const rows = await query(await db()).all({ ids: jsonList(some) });
      expect(rows.map((row) => row.id)).toEqual([...some].sort((a, b) => a - b));
    }
    const none = await query(await db()).all({ ids: jsonList([]) });
    expect(none).toEqual([]);
  });
});
