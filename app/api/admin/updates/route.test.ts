import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { auditLog, inventoryAdjustments, orderItems, orders, productVariants, shopUpdateItems, shopUpdates } from "@/lib/db/schema";
import type { UpdateView } from "@/lib/updates/list-updates";
import { restoreAdminEnv, TEST_OWNER_ACTOR, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createReservation } from "@/tests/factories/checkout";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createOrderRow } from "@/tests/factories/order";
import { createProduct } from "@/tests/factories/product";
import { POST as cancel } from "./[id]/cancel/route";
import { POST as close } from "./[id]/close/route";
import { DELETE, GET as GET_ONE, PATCH } from "./[id]/route";
import { GET, POST } from "./route";

type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] } };
type Saved = { update: UpdateView };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const HOUR = 60 * 60_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const create = (body: unknown) => POST(adminRequest("/api/admin/updates", { method: "POST", body, cookie: ownerCookie() }), params(0));
const patch = (id: number, body: unknown) => PATCH(adminRequest(`/api/admin/updates/${id}`, { method: "PATCH", body, cookie: ownerCookie() }), params(id));
const remove = (id: number) => DELETE(adminRequest(`/api/admin/updates/${id}`, { method: "DELETE", cookie: ownerCookie() }), params(id));
const readOne = async (id: number) => GET_ONE(adminRequest(`/api/admin/updates/${id}`, { cookie: ownerCookie() }), params(id));
const act = (action: "close" | "cancel", id: number) =>
  (action === "close" ? close : cancel)(adminRequest(`/api/admin/updates/${id}/${action}`, { method: "POST", cookie: ownerCookie() }), params(id));
const stockOf = (variantId: number) =>
  withFreshClient(async (read) => (await read.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId)))[0]!.stock);
const auditActions = (id: number) =>
  withFreshClient(async (read) => (await read.select().from(auditLog).where(and(eq(auditLog.entityType, "shop_update"), eq(auditLog.entityId, String(id))))).map((row) => row.action));

async function twoColourways(stock = 3) {
  const product = await createProduct({ name: `Sock set ${randomUUID().slice(0, 6)}`, variants: [{ name: "Moss", stock }, { name: "Ember", stock }] });
  return { product, ids: product.variants.map((variant) => variant.id) as [number, number] };
}

/** An update that went live an hour ago: the API refuses a live time in the past, so it is written directly. */
async function liveUpdate(variantIds: number[]): Promise<number> {
  const client = await db();
  const [row] = await client.insert(shopUpdates).values({ name: "Went live", liveAt: inHours(-1) }).returning({ id: shopUpdates.id });
  await client.insert(shopUpdateItems).values(variantIds.map((variantId) => ({ updateId: row!.id, variantId, quantity: 3 })));
  return row!.id;
}

describe("the admin's shop update API", () => {
  it("schedules an update, sets each colourway's stock to its released quantity through the ledger, and lists it with its state", async () => {
    const { product, ids } = await twoColourways(7);
    const liveAt = inHours(48);
    const previewAt = inHours(24);
    const response = await create({
      name: "Friday update",
      previewAt: new Date(Date.parse(previewAt) + HOUR).toISOString().replace("Z", "+01:00"),
      liveAt,
      limitPerCustomer: 2,
      holdMinutes: 12,
      items: [{ variantId: ids[0], quantity: 4, limitPerCustomer: 1 }, { variantId: ids[1] }],
    });
    expect(response.status).toBe(201);
    const { update } = (await response.json()) as Saved;
    expect(update).toMatchObject({ name: "Friday update", liveAt, state: "scheduled", limitPerCustomer: 2, holdMinutes: 12, admitPerMinute: null, closeAt: null });
    expect(update.previewAt).toBe(previewAt);
    expect(update.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variantId: ids[0], variantName: "Moss", productName: product.name, quantity: 4, limitPerCustomer: 1, stock: 4, sold: 0, held: 0 }),
        expect.objectContaining({ variantId: ids[1], variantName: "Ember", quantity: null, stock: 7 }),
      ]),
    );
    expect(await stockOf(ids[0])).toBe(4);
    expect(await stockOf(ids[1])).toBe(7);
    const ledger = await withFreshClient((read) => read.select().from(inventoryAdjustments).where(eq(inventoryAdjustments.reference, `update:${update.id}`)));
    expect(ledger).toMatchObject([{ variantId: ids[0], delta: -3, stockBefore: 7, stockAfter: 4, reason: "update", actor: TEST_OWNER_ACTOR }]);

    const listed = (await (await GET(adminRequest("/api/admin/updates", { cookie: ownerCookie() }), params(0))).json()) as { updates: UpdateView[] };
    expect(listed.updates.find((row) => row.id === update.id)).toMatchObject({ state: "scheduled", totals: { released: 4, sold: 0, held: 0 } });
    expect(await auditActions(update.id)).toEqual(["shop_update.created"]);
  });

  it.each([
    ["a preview after the live time", () => ({ previewAt: inHours(30), liveAt: inHours(24) }), "previewAt"],
    ["a close before the live time", () => ({ liveAt: inHours(24), closeAt: inHours(23) }), "closeAt"],
    ["a live time in the past", () => ({ liveAt: inHours(-1) }), "liveAt"],
    ["a time without its zone", () => ({ liveAt: inHours(24).slice(0, 16) }), "liveAt"],
    ["a hold of two hours", () => ({ liveAt: inHours(24), holdMinutes: 120 }), "holdMinutes"],
    ["a limit of zero", () => ({ liveAt: inHours(24), limitPerCustomer: 0 }), "limitPerCustomer"],
  ])("answers 400 naming the field for %s, and writes nothing", async (_name, times, field) => {
    const { ids } = await twoColourways();
    const name = `Refused ${randomUUID()}`;
    const response = await create({ name, ...times(), items: [{ variantId: ids[0], quantity: 1 }] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorJson;
    expect(body.error.details?.map((detail) => detail.path)).toContain(field);
    expect(await withFreshClient((read) => read.select().from(shopUpdates).where(eq(shopUpdates.name, name)))).toEqual([]);
    expect(await stockOf(ids[0])).toBe(3);
  });

  it("answers 400 for an unknown colourway and 409 naming the update that already holds one", async () => {
    const { product, ids } = await twoColourways();
    const unknown = await create({ name: "Ghost", liveAt: inHours(24), items: [{ variantId: ids[0] }, { variantId: 987_654_321 }] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorJson).error.details?.[0]?.path).toBe("items.1.variantId");

    const first = (await (await create({ name: "First drop", liveAt: inHours(24), items: [{ variantId: ids[0] }] })).json()) as Saved;
    const clash = await create({ name: "Second drop", liveAt: inHours(30), items: [{ variantId: ids[1], quantity: 1 }, { variantId: ids[0], quantity: 1 }] });
    expect(clash.status).toBe(409);
    const body = (await clash.json()) as ErrorJson;
    expect(body.error.message).toBe(`${product.name} – Moss is already in the update “First drop”.`);
    expect(body.error.details?.[0]?.path).toBe("items.1.variantId");
    expect(await stockOf(ids[1])).toBe(3);

    expect((await act("cancel", first.update.id)).status).toBe(200);
    expect((await create({ name: "Second drop", liveAt: inHours(30), items: [{ variantId: ids[0] }] })).status).toBe(201);
  });

  it("edits a scheduled update in part: a changed quantity moves stock, a dropped colourway leaves it", async () => {
    const { ids } = await twoColourways(5);
    const { update } = (await (await create({ name: "Edit me", liveAt: inHours(24), items: [{ variantId: ids[0], quantity: 2 }, { variantId: ids[1], quantity: 1 }] })).json()) as Saved;
    const newLive = inHours(26);
    const edited = await patch(update.id, { liveAt: newLive, items: [{ variantId: ids[0], quantity: 6 }] });
    expect(edited.status).toBe(200);
    const { update: after } = (await edited.json()) as Saved;
    expect(after).toMatchObject({ name: "Edit me", liveAt: newLive, items: [expect.objectContaining({ variantId: ids[0], quantity: 6, stock: 6 })] });
    expect(after.items).toHaveLength(1);
    expect(await stockOf(ids[1])).toBe(1);

    expect((await patch(update.id, { name: "Renamed" })).status).toBe(200);
    expect(await stockOf(ids[0])).toBe(6);
    const closesBefore = await patch(update.id, { closeAt: inHours(25) });
    expect(closesBefore.status).toBe(400);
    expect(((await closesBefore.json()) as ErrorJson).error.details?.[0]?.path).toBe("closeAt");
    expect((await patch(update.id, { surprise: true })).status).toBe(400);
    expect(await auditActions(update.id)).toEqual(["shop_update.created", "shop_update.updated", "shop_update.updated"]);
  });

  it("once live: only the name, close time and limits change; it cannot be cancelled or deleted, only closed", async () => {
    const { ids } = await twoColourways();
    const id = await liveUpdate(ids);
    const moved = await patch(id, { liveAt: inHours(2) });
    expect(moved.status).toBe(409);
    expect(((await moved.json()) as ErrorJson).error.details?.[0]?.path).toBe("liveAt");
    expect((await patch(id, { items: [{ variantId: ids[0], quantity: 9 }] })).status).toBe(409);
    expect(await stockOf(ids[0])).toBe(3);

    const changed = await patch(id, { closeAt: inHours(1), limitPerCustomer: 1, holdMinutes: 5, items: [{ variantId: ids[0], quantity: 3, limitPerCustomer: 1 }, { variantId: ids[1], quantity: 3 }] });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as Saved).update).toMatchObject({ state: "live", limitPerCustomer: 1, holdMinutes: 5 });

    expect((await act("cancel", id)).status).toBe(409);
    const refused = await remove(id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorJson).error.message).toMatch(/Close it instead/);

    const closed = await act("close", id);
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as Saved).update.state).toBe("closed");
    expect((await act("close", id)).status).toBe(409);
    expect((await patch(id, { name: "Too late" })).status).toBe(409);
    expect((await remove(id)).status).toBe(409);
    expect(await auditActions(id)).toEqual(["shop_update.updated", "shop_update.closed"]);
  });

  it("deletes or cancels an update that never went live; closing one before live is refused", async () => {
    const { ids } = await twoColourways();
    const { update } = (await (await create({ name: "Maybe", liveAt: inHours(24), items: [{ variantId: ids[0], quantity: 2 }] })).json()) as Saved;
    expect((await act("close", update.id)).status).toBe(409);
    const cancelled = await act("cancel", update.id);
    expect(((await cancelled.json()) as Saved).update.state).toBe("cancelled");
    expect((await remove(update.id)).status).toBe(200);
    expect((await readOne(update.id)).status).toBe(404);
    expect(await stockOf(ids[0])).toBe(2);
    expect(await auditActions(update.id)).toEqual(["shop_update.created", "shop_update.cancelled", "shop_update.deleted"]);
  });

  it("counts units sold since the live minute and units held by open checkouts", async () => {
    const { product, ids } = await twoColourways(10);
    const id = await liveUpdate(ids);
    const client = await db();
    const paid = async (paidAt: string, quantity: number) => {
      const order = await createOrderRow();
      await client.update(orders).set({ paidAt }).where(eq(orders.id, order.id));
      await client.insert(orderItems).values({ orderId: order.id, variantId: ids[0], productId: product.id, productName: product.name, variantName: "Moss", sku: "X", unitPrice: 100, quantity, lineTotal: 100 * quantity });
    };
    await paid(inHours(-0.5), 2);
    await paid(inHours(-3), 5);
    await createReservation({ variantId: ids[1], quantity: 1 });
    await createReservation({ variantId: ids[1], quantity: 4, expiresAt: inHours(-0.1) });
    const { update } = (await (await readOne(id)).json()) as Saved;
    expect(update.items.find((item) => item.variantId === ids[0])).toMatchObject({ sold: 2, held: 0 });
    expect(update.items.find((item) => item.variantId === ids[1])).toMatchObject({ sold: 0, held: 1 });
    expect(update.totals).toMatchObject({ sold: 2, held: 1 });
  });

  it("answers 404 for an unknown update and 401 without the owner", async () => {
    expect((await readOne(987_654)).status).toBe(404);
    expect((await patch(987_654, { name: "x" })).status).toBe(404);
    expect((await GET(adminRequest("/api/admin/updates"), params(0))).status).toBe(401);
  });
});
