import { describe, expect, it } from "vitest";
import { db, schema } from "@/lib/db";
import { createProduct } from "@/tests/factories/product";
import { updateStateAt } from "./update-state";
import { governingUpdates } from "./variant-updates";

const NOW = "2026-12-04T18:30:00.000Z";

async function addUpdate(values: Partial<typeof schema.shopUpdates.$inferInsert>, variantIds: number[]): Promise<number> {
  const client = await db();
  const [row] = await client
    .insert(schema.shopUpdates)
    .values({ name: "Friday update", liveAt: "2026-12-04T19:00:00.000Z", ...values })
    .returning({ id: schema.shopUpdates.id });
  await client.insert(schema.shopUpdateItems).values(variantIds.map((variantId) => ({ updateId: row!.id, variantId })));
  return row!.id;
}

describe("updateStateAt", () => {
  const times = { previewAt: "2026-12-04T18:00:00.000Z", liveAt: "2026-12-04T19:00:00.000Z", closeAt: "2026-12-04T21:00:00.000Z", closedAt: null, cancelledAt: null };

  it("flips on the instant: scheduled, preview, live, closed", () => {
    expect(updateStateAt(times, "2026-12-04T17:59:59.999Z")).toBe("scheduled");
    expect(updateStateAt(times, "2026-12-04T18:00:00.000Z")).toBe("preview");
    expect(updateStateAt(times, "2026-12-04T18:59:59.999Z")).toBe("preview");
    expect(updateStateAt(times, "2026-12-04T19:00:00.000Z")).toBe("live");
    expect(updateStateAt(times, "2026-12-04T21:00:00.000Z")).toBe("closed");
  });

  it("reads a hand close and a cancellation before the clock", () => {
    expect(updateStateAt({ ...times, closedAt: "2026-12-04T19:30:00.000Z" }, "2026-12-04T19:10:00.000Z")).toBe("closed");
    expect(updateStateAt({ ...times, cancelledAt: "2026-12-04T17:00:00.000Z" }, "2026-12-04T19:10:00.000Z")).toBe("cancelled");
  });
});

describe("governingUpdates", () => {
  it("maps each variant to its unfinished update and leaves finished ones out", async () => {
    const scheduled = await createProduct({ variants: [{ stock: 3 }, { stock: 3 }] });
    const closed = await createProduct({ variants: [{ stock: 3 }] });
    const free = await createProduct({ variants: [{ stock: 3 }] });
    const [a, b] = scheduled.variants.map((variant) => variant.id) as [number, number];
    const updateId = await addUpdate({ limitPerCustomer: 2 }, [a, b]);
    await addUpdate({ liveAt: "2026-12-03T19:00:00.000Z", closeAt: "2026-12-03T20:00:00.000Z" }, [closed.variants[0]!.id]);

    const governing = await governingUpdates(await db(), [a, b, closed.variants[0]!.id, free.variants[0]!.id], NOW);
    expect([...governing.keys()].sort()).toEqual([a, b].sort());
    expect(governing.get(a)).toMatchObject({ updateId, state: "scheduled", limitPerCustomer: 2, holdMinutes: 10 });
    expect(await governingUpdates(await db(), [], NOW)).toEqual(new Map());
  });
});
