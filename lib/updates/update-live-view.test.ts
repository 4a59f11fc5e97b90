import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { countDatabaseWork } from "@/lib/db/client";
import { orderItems, orders, productVariants, shopUpdateItems, shopUpdateRefusals, shopUpdates } from "@/lib/db/schema";
import { GET } from "@/app/api/admin/updates/[id]/live/route";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createReservation } from "@/tests/factories/checkout";
import { createProduct, type CreatedProduct } from "@/tests/factories/product";
import { getUpdateLiveView, type UpdateLiveView } from "./update-live-view";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const MINUTE = 60_000;
const LIVE_MS = Date.parse("2026-11-27T19:00:00.000Z");
const at = (minutes: number) => new Date(LIVE_MS + minutes * MINUTE).toISOString();
let orderSeq = 900_000 + Math.floor(Math.random() * 50_000);

async function liveUpdate(variantIds: number[]): Promise<number> {
  const client = await db();
  const [row] = await client.insert(shopUpdates).values({ name: "Black Friday drop", liveAt: at(0) }).returning({ id: shopUpdates.id });
  await client.insert(shopUpdateItems).values(variantIds.map((variantId) => ({ updateId: row!.id, variantId, quantity: 5 })));
  return row!.id;
}

/** Paid orders of one unit each: `sales` pairs of [variant, minutes after live]. */
async function paidOrders(product: CreatedProduct, sales: [number, number][]): Promise<void> {
  for (let start = 0; start < sales.length; start += 250) {
    const chunk = sales.slice(start, start + 250);
    await writeTransaction(async (tx) => {
      const rows = await tx
        .insert(orders)
        .values(
          chunk.map(([, minutes]) => {
            orderSeq += 1;
            return { orderSeq, orderNumber: `HD-B${orderSeq}`, email: `k${orderSeq}@example.com`, status: "processing" as const, paymentStatus: "paid" as const, currency: "GBP", subtotal: 1800, total: 1800, lookupToken: randomUUID(), paidAt: at(minutes) };
          }),
        )
        .returning({ id: orders.id });
      await tx.insert(orderItems).values(
        chunk.map(([variantId], index) => ({ orderId: rows[index]!.id, variantId, productId: product.id, productName: product.name, variantName: "Colourway", sku: `SKU-${variantId}`, unitPrice: 1800, quantity: 1, lineTotal: 1800 })),
      );
    });
  }
}

const live = async (id: number) => {
  const response = await GET(adminRequest(`/api/admin/updates/${id}/live`, { cookie: ownerCookie() }), { params: Promise.resolve({ id: String(id) }) });
  return { status: response.status, body: (await response.json()) as UpdateLiveView };
};

describe("the owner's live view of a shop update", () => {
  it("buckets sales and refusals per minute, lists sold-out colourways and counts units held now", async () => {
    const product = await createProduct({ variants: [{ stock: 0 }, { stock: 4 }] });
    const [moss, ember] = product.variants.map((variant) => variant.id) as [number, number];
    const other = await createProduct({ variants: [{ stock: 9 }] });
    const id = await liveUpdate([moss, ember]);
    await paidOrders(product, [[moss, 0.2], [moss, 0.5], [ember, 0.7], [ember, 2.1], [moss, -5]]);
    await paidOrders(other, [[other.variants[0]!.id, 0.3]]);
    await createReservation({ variantId: ember, quantity: 2 });
    const client = await db();
    await client.insert(shopUpdateRefusals).values([
      { updateId: id, minute: "2026-11-27T18:59", reason: "not_live", count: 40 },
      { updateId: id, minute: "2026-11-27T19:00", reason: "limit_reached", count: 3 },
      { updateId: id, minute: "2026-11-27T19:00", reason: "sold_out", count: 7 },
      { updateId: id, minute: "2026-11-27T19:00", reason: "not_admitted", count: 2 },
    ]);

    const { status, body } = await live(id);
    expect(status).toBe(200);
    expect(body.soldPerMinute).toEqual([
      { minute: "2026-11-27T19:00", units: 3 },
      { minute: "2026-11-27T19:02", units: 1 },
    ]);
    expect(body.refusalsPerMinute).toEqual([
      { minute: "2026-11-27T18:59", not_live: 40, limit_reached: 0, sold_out: 0, not_admitted: 0 },
      { minute: "2026-11-27T19:00", not_live: 0, limit_reached: 3, sold_out: 7, not_admitted: 2 },
    ]);
    expect(body.refusals).toEqual({ not_live: 40, limit_reached: 3, sold_out: 7, not_admitted: 2 });
    expect(body.soldOut).toEqual([{ variantId: moss, productName: product.name, variantName: product.variants[0]!.name }]);
    expect(body.update.totals).toMatchObject({ sold: 4, held: 2 });
  });

  it("answers 404 for an unknown update", async () => {
    expect((await live(987_654)).status).toBe(404);
  });

  it("costs a fixed four statements and stays fast at the size of a busy update (bench: prints the figure)", async () => {
    const product = await createProduct({ variants: Array.from({ length: 40 }, () => ({ stock: 0 })) });
    const ids = product.variants.map((variant) => variant.id);
    const background = await createProduct({ variants: Array.from({ length: 20 }, () => ({ stock: 100 })) });
    const id = await liveUpdate(ids);
    // 40 colourways × 25 units sold over 30 minutes, 3,000 ordinary sales around them, 3 reasons × 120 minutes of refusals.
    await paidOrders(product, Array.from({ length: 1000 }, (_, index) => [ids[index % 40]!, (index * 30) / 1000] as [number, number]));
    await paidOrders(background, Array.from({ length: 3000 }, (_, index) => [background.variants[index % 20]!.id, -600 + index / 3] as [number, number]));
    const client = await db();
    const reasons = ["not_live", "limit_reached", "sold_out"] as const;
    await client.insert(shopUpdateRefusals).values(
      Array.from({ length: 360 }, (_, index) => ({ updateId: id, minute: at(Math.floor(index / 3) - 60).slice(0, 16), reason: reasons[index % 3]!, count: 17 })),
    );
    await client.update(productVariants).set({ stock: 0 }).where(eq(productVariants.productId, product.id));

    const reader = await db();
    const { cost } = await countDatabaseWork(() => getUpdateLiveView(reader, id));
    expect(cost.statements).toBeLessThanOrEqual(4);
    const timings: number[] = [];
    for (let run = 0; run < 15; run += 1) {
      const started = performance.now();
      const { body } = await live(id);
      timings.push(performance.now() - started);
      expect(body.update.totals.sold).toBe(1000);
      expect(body.soldOut).toHaveLength(40);
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)]!;
    console.log(`[bench] live view, 40 colourways, 4,000 paid orders, 360 refusal rows: ${cost.statements} statements, median ${median.toFixed(1)} ms, worst ${timings.at(-1)!.toFixed(1)} ms`);
    expect(median).toBeLessThan(250);
  });
});
