import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countDatabaseWork } from "@/lib/db/client";
import { shopUpdateRefusals, shopUpdates } from "@/lib/db/schema";
import { flushRefusals, recordRefusal } from "./record-refusal";
import { getUpdateLiveView } from "./update-live-view";

async function anUpdate(): Promise<number> {
  const [row] = await (await db()).insert(shopUpdates).values({ name: "Refusal drop", liveAt: "2026-11-27T19:00:00.000Z" }).returning({ id: shopUpdates.id });
  return row!.id;
}

const counters = async (updateId: number) =>
  (await db()).select({ minute: shopUpdateRefusals.minute, reason: shopUpdateRefusals.reason, count: shopUpdateRefusals.count }).from(shopUpdateRefusals).where(eq(shopUpdateRefusals.updateId, updateId)).orderBy(shopUpdateRefusals.minute, shopUpdateRefusals.reason);

describe("recordRefusal", () => {
  it("gathers a storm of refusals in memory and writes them as one batch of counters", async () => {
    const updateId = await anUpdate();
    const { cost: work } = await countDatabaseWork(async () => {
      for (let i = 0; i < 300; i += 1) recordRefusal({ updateIds: [updateId], reason: "not_live", now: "2026-11-27T18:59:30.000Z" });
      for (let i = 0; i < 7; i += 1) recordRefusal({ updateIds: [updateId, updateId], reason: "sold_out", now: "2026-11-27T19:00:10.000Z" });
    });
    expect(work.statements).toBe(0);
    expect(await counters(updateId)).toEqual([]);

    const { cost: flush } = await countDatabaseWork(() => flushRefusals());
    expect(flush.statements).toBeLessThanOrEqual(3);
    expect(await counters(updateId)).toEqual([
      { minute: "2026-11-27T18:59", reason: "not_live", count: 300 },
      { minute: "2026-11-27T19:00", reason: "sold_out", count: 7 },
    ]);

    recordRefusal({ updateIds: [updateId], reason: "not_live", now: "2026-11-27T18:59:59.000Z" });
    await flushRefusals();
    expect((await counters(updateId))[0]).toEqual({ minute: "2026-11-27T18:59", reason: "not_live", count: 301 });
  });

  it("writes the gathered counts on its own within a second, and the live view shows the last second's refusals", async () => {
    const updateId = await anUpdate();
    recordRefusal({ updateIds: [updateId], reason: "limit_reached" });
    await expect.poll(() => counters(updateId), { timeout: 5_000, interval: 100 }).toMatchObject([{ reason: "limit_reached", count: 1 }]);

    recordRefusal({ updateIds: [updateId], reason: "limit_reached" });
    const view = await getUpdateLiveView(await db(), updateId);
    expect(view.refusals.limit_reached).toBe(2);
  });
});
