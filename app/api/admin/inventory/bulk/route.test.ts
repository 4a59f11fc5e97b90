import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { auditLog, inventoryAdjustments, productVariants } from "@/lib/db/schema";
import { incrementStock } from "@/lib/inventory/stock";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createCheckout } from "@/tests/factories/checkout";
import { countRows, withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant, type TestVariant } from "@/tests/factories/product";
import { deliver } from "@/tests/factories/webhook";
import { POST } from "./route";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { createRandom } from "@/lib/seed/create-random";

type ErrorJson = { error: { code: string; message: string; details?: unknown } };
type Applied = { batch: string; changes: { variantId: number; delta: number; stockBefore: number; stockAfter: number }[]; unchangedVariantIds: number[] };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

function postBulk(body: unknown) {
  return POST(adminRequest("/api/admin/inventory/bulk", { method: "POST", body, cookie: ownerCookie() }), { params: Promise.resolve({}) });
}

/** Stock, ledger rows and ledger sum of each variant, read through a client of its own. */
async function readBack(variantIds: number[]) {
  return withFreshClient(async (read) => {
    const variants = await read.select().from(productVariants).where(inArray(productVariants.id, variantIds));
    const ledger = await read.select().from(inventoryAdjustments).where(inArray(inventoryAdjustments.variantId, variantIds)).orderBy(inventoryAdjustments.id);
    return Object.fromEntries(
      variantIds.map((id) => {
        const rows = ledger.filter((row) => row.variantId === id);
        return [id, { stock: variants.find((variant) => variant.id === id)!.stock, rows, ledgerSum: rows.reduce((sum, row) => sum + row.delta, 0) }];
      }),
    );
  });
}

const auditRows = () => withFreshClient((read) => countRows(read, auditLog));

describe("POST /api/admin/inventory/bulk", () => {
  it("increments every chosen variant in one batch: one ledger row each with before, after, reason, note, the admin and a shared reference", async () => {
    const variants = await Promise.all([createVariant({ stock: 5 }), createVariant({ stock: 0 }), createVariant({ stock: 12 })]);
    const response = await postBulk({
      mode: "increment",
      quantity: 10,
      reason: "received",
      note: "Dye lot 42",
      items: variants.map((variant, index) => ({ variantId: variant.variantId, expectedStock: [5, 0, 12][index] })),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Applied;
    expect(body.changes.map((change) => [change.stockBefore, change.stockAfter, change.delta])).toEqual([
      [5, 15, 10],
      [0, 10, 10],
      [12, 22, 10],
    ]);
    const state = await readBack(variants.map((variant) => variant.variantId));
    for (const [index, variant] of variants.entries()) {
      const { stock, rows, ledgerSum } = state[variant.variantId]!;
      expect(stock).toBe([15, 10, 22][index]);
      expect(ledgerSum).toBe(stock);
      const last = rows.at(-1)!;
      expect(last).toMatchObject({ delta: 10, reason: "received", note: "Dye lot 42", actor: "admin:owner (owner@localhost)", reference: body.batch });
    }
    expect(body.batch).toMatch(/^bulk:/);
    const audit = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.entityId, body.batch)));
    expect(audit).toEqual([expect.objectContaining({ action: "inventory.bulk_adjusted", actor: "admin:owner (owner@localhost)", entityType: "inventory_batch" })]);
  });

  it("sets counted stock and decrements by the quantity; a count equal to the stock writes no ledger row", async () => {
    const [counted, unchanged, taken] = await Promise.all([createVariant({ stock: 9 }), createVariant({ stock: 4 }), createVariant({ stock: 7 })]);
    const set = (await (
      await postBulk({
        mode: "set",
        quantity: 4,
        reason: "cycle_count",
        items: [
          { variantId: counted.variantId, expectedStock: 9 },
          { variantId: unchanged.variantId, expectedStock: 4 },
        ],
      })
    ).json()) as Applied;
    expect(set.changes).toEqual([expect.objectContaining({ variantId: counted.variantId, delta: -5, stockBefore: 9, stockAfter: 4 })]);
    expect(set.unchangedVariantIds).toEqual([unchanged.variantId]);

    const decrement = await postBulk({ mode: "decrement", quantity: 7, reason: "damaged", items: [{ variantId: taken.variantId, expectedStock: 7 }] });
    expect(decrement.status).toBe(200);

    const state = await readBack([counted.variantId, unchanged.variantId, taken.variantId]);
    expect(state[counted.variantId]).toMatchObject({ stock: 4, ledgerSum: 4 });
    expect(state[unchanged.variantId]!.rows).toHaveLength(1); // only the initial stock
    expect(state[taken.variantId]).toMatchObject({ stock: 0, ledgerSum: 0 });
  });

  it("sets each variant to its own count (a CSV import) in one batch", async () => {
    const [a, b] = await Promise.all([createVariant({ stock: 3 }), createVariant({ stock: 30 })]);
    const response = await postBulk({
      mode: "set",
      reason: "cycle_count",
      items: [
        { variantId: a.variantId, expectedStock: 3, quantity: 8 },
        { variantId: b.variantId, expectedStock: 30, quantity: 21 },
      ],
    });
    expect(response.status).toBe(200);
    const state = await readBack([a.variantId, b.variantId]);
    expect([state[a.variantId]!.stock, state[b.variantId]!.stock]).toEqual([8, 21]);
  });

  it("refuses the whole batch with stale_stock when one variant moved since the owner looked, naming it and its stock now; nothing is written", async () => {
    const variants = await Promise.all([createVariant({ stock: 10 }), createVariant({ stock: 10 }), createVariant({ stock: 10 })]);
    // A sale happened after the owner loaded the table.
    await writeTransaction((tx) => incrementStock(tx, { variantId: variants[1]!.variantId, quantity: 2, reason: "return" }));
    const before = await readBack(variants.map((variant) => variant.variantId));
    const auditBefore = await auditRows();

    const response = await postBulk({
      mode: "increment",
      quantity: 5,
      reason: "received",
      items: variants.map((variant) => ({ variantId: variant.variantId, expectedStock: 10 })),
    });
    expect(response.status).toBe(409);
    const body = (await response.json()) as ErrorJson;
    expect(body.error.code).toBe("stale_stock");
    expect(body.error.details).toEqual({
      variants: [expect.objectContaining({ variantId: variants[1]!.variantId, sku: variants[1]!.sku, expectedStock: 10, currentStock: 12 })],
    });
    expect(await readBack(variants.map((variant) => variant.variantId))).toEqual(before);
    expect(await auditRows()).toBe(auditBefore);
  });

  it("refuses a decrement below zero with insufficient_stock and writes nothing", async () => {
    const [plenty, few] = await Promise.all([createVariant({ stock: 50 }), createVariant({ stock: 2 })]);
    const before = await readBack([plenty.variantId, few.variantId]);
    const response = await postBulk({
      mode: "decrement",
      quantity: 3,
      reason: "damaged",
      items: [
        { variantId: plenty.variantId, expectedStock: 50 },
        { variantId: few.variantId, expectedStock: 2 },
      ],
    });
    expect(response.status).toBe(409);
    const body = (await response.json()) as ErrorJson;
    expect(body.error.code).toBe("insufficient_stock");
    expect(body.error.details).toEqual([expect.objectContaining({ variantId: few.variantId, requested: 3, available: 2 })]);
    expect(await readBack([plenty.variantId, few.variantId])).toEqual(before);
  });

  it("answers 404 for an unknown variant and writes nothing", async () => {
    const known = await createVariant({ stock: 5 });
    const response = await postBulk({
      mode: "increment",
      quantity: 1,
      reason: "other",
      items: [
        { variantId: known.variantId, expectedStock: 5 },
        { variantId: 987_654, expectedStock: 0 },
      ],
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorJson).error.details).toEqual({ variantIds: [987_654] });
    expect((await readBack([known.variantId]))[known.variantId]!.stock).toBe(5);
  });

  it.each([
    ["an unknown mode", { mode: "double", quantity: 1, reason: "received" }],
    ["an unknown reason", { mode: "increment", quantity: 1, reason: "gift" }],
    ["a negative quantity", { mode: "increment", quantity: -1, reason: "received" }],
    ["a fractional quantity", { mode: "increment", quantity: 1.5, reason: "received" }],
    ["no quantity", { mode: "increment", reason: "received" }],
    ["an empty item list", { mode: "increment", quantity: 1, reason: "received", items: [] }],
    ["a variant listed twice", { mode: "increment", quantity: 1, reason: "received", twice: true }],
    ["more than 1,000 items", { mode: "increment", quantity: 1, reason: "received", items: Array.from({ length: 1001 }, (_, i) => ({ variantId: i + 1, expectedStock: 0 })) }],
  ])("answers 400 for %s and writes nothing", async (_name, shape) => {
    const variant = await createVariant({ stock: 5 });
    const { twice, ...rest } = shape as Record<string, unknown>;
    const item = { variantId: variant.variantId, expectedStock: 5 };
    const response = await postBulk({ items: twice ? [item, item] : [item], ...rest });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorJson).error.code).toBe("validation_error");
    expect((await readBack([variant.variantId]))[variant.variantId]).toMatchObject({ stock: 5, ledgerSum: 5 });
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await postBulk("{ not json");
    expect(response.status).toBe(400);
  });
});

describe("the stock ledger", () => {
  it("sums to the stock of every variant after a random sequence of orders, cancellations and adjustments", async () => {
    const seed = 20261201;
    const random = createRandom(seed).next;
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const variants: TestVariant[] = [];
    for (let i = 0; i < 5; i += 1) variants.push(await createVariant({ stock: 3 + Math.floor(random() * 10) }));
    const ids = variants.map((variant) => variant.variantId);
    const stockOf = async () => Object.fromEntries(Object.entries(await readBack(ids)).map(([id, state]) => [Number(id), state.stock]));
    const tally = { orders: 0, cancellations: 0, adjustments: 0, refused: 0 };
    const placed: number[] = [];

    for (let step = 0; step < 40; step += 1) {
      const roll = random();
      const stock = await stockOf();
      if (roll < 0.4) {
        // A shopper buys one or two lines through checkout and the payment webhook.
        const lines = [...new Set([pick(variants), pick(variants)])]
          .filter((variant) => stock[variant.variantId]! > 0)
          .map((variant) => ({ variant, quantity: 1 + Math.floor(random() * Math.min(3, stock[variant.variantId]!)) }));
        if (lines.length === 0) continue;
        const checkout = await createCheckout({ lines });
        const response = await deliver(buildCheckoutSessionEvent(checkout));
        expect(response.status).toBe(200);
        placed.push(((await response.json()) as { orderId: number }).orderId);
        tally.orders += 1;
      } else if (roll < 0.55) {
        // The owner cancels a paid order with restock: its units go back on the shelf with their ledger rows.
        if (placed.length === 0) continue;
        const [orderId] = placed.splice(Math.floor(random() * placed.length), 1);
        await cancelOrder({ orderId: orderId!, restock: true, actor: "admin:owner (owner@localhost)" });
        tally.cancellations += 1;
      } else {
        // The owner adjusts a few variants; sometimes with a stale number or too many units to take.
        const chosen = [...new Set([pick(variants), pick(variants), pick(variants)])];
        const mode = pick(["increment", "decrement", "set"] as const);
        const isStale = random() < 0.15;
        const response = await postBulk({
          mode,
          quantity: Math.floor(random() * 8),
          reason: pick(["received", "cycle_count", "correction", "damaged", "returned", "other"] as const),
          items: chosen.map((variant) => ({ variantId: variant.variantId, expectedStock: stock[variant.variantId]! + (isStale ? 1 : 0) })),
        });
        expect([200, 409]).toContain(response.status);
        if (response.status === 200) tally.adjustments += 1;
        else tally.refused += 1;
      }
    }

    const state = await readBack(ids);
    for (const id of ids) {
      expect(state[id]!.ledgerSum, `variant ${id}, seed ${seed}`).toBe(state[id]!.stock);
      // Every row chains on from the one before it.
      for (const [index, row] of state[id]!.rows.entries()) {
        if (index > 0) expect(row.stockBefore).toBe(state[id]!.rows[index - 1]!.stockAfter);
      }
    }
    // The sequence exercised every kind of move (the seed is fixed, so this is deterministic).
    expect(tally.orders).toBeGreaterThan(0);
    expect(tally.cancellations).toBeGreaterThan(0);
    expect(tally.adjustments).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
    const [{ total }] = (await withFreshClient((read) => read.select({ total: sql<number>`count(*)` }).from(inventoryAdjustments).where(inArray(inventoryAdjustments.variantId, ids)))) as [{ total: number }];
    expect(total).toBeGreaterThan(ids.length);
  });
});
