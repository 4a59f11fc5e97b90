import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { checkouts, shopUpdateRefusals, shopUpdates, stockReservations } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { isoAfter } from "@/lib/time";
import { createCart } from "@/tests/factories/cart";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant, createVariants } from "@/tests/factories/product";
import { createShippingRate } from "@/tests/factories/shipping";
import { createShopUpdate } from "@/tests/factories/shop-update";
import { POST } from "./route";
import { flushRefusals } from "@/lib/updates/record-refusal";

type ErrorJson = { error: { code: string; message: string; liveAt?: string; limit?: number; details?: unknown } };
type Started = { checkoutId: string; expiresAt: string };

function postCheckout(cartId: string, body: Record<string, unknown> = {}, address = "203.0.113.7") {
  const request = checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB", ...body } });
  request.headers.set("x-forwarded-for", address);
  return POST(request, noParams);
}

const heldUnits = (variantIds: number[]) =>
  withFreshClient(async (reader) => {
    const rows = await reader
      .select({ held: sql<number>`coalesce(sum(${stockReservations.quantity}), 0)` })
      .from(stockReservations)
      .innerJoin(checkouts, eq(checkouts.id, stockReservations.checkoutId))
      .where(and(sql`${stockReservations.variantId} IN (${sql.join(variantIds.map((id) => sql`${id}`), sql`, `)})`, eq(checkouts.status, "open")));
    return Number(rows[0]!.held);
  });

const refusals = async (updateId: number) => {
  await flushRefusals();
  return withFreshClient((reader) => reader.select({ reason: shopUpdateRefusals.reason, count: shopUpdateRefusals.count }).from(shopUpdateRefusals).where(eq(shopUpdateRefusals.updateId, updateId)));
};

const saved = { ...process.env };

beforeAll(async () => {
  await createShippingRate({ country: "GB" });
});

beforeEach(() => {
  process.env.SESSION_SECRET = "s".repeat(40);
  process.env.CHECKOUT_ABUSE_LIMITS = "off";
  process.env.TRUSTED_PROXY = "1";
  resetEnvForTests();
});

afterEach(() => {
  for (const name of ["SESSION_SECRET", "CHECKOUT_ABUSE_LIMITS", "TRUSTED_PROXY"] as const) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetEnvForTests();
});

describe("POST /api/checkout/session for a shop update", () => {
  it("refuses a cart holding a variant of an update before it is live, with liveAt beside the code, and counts the refusal", async () => {
    const skein = await createVariant({ stock: 5 });
    const liveAt = isoAfter(60 * 60 * 1000);
    const updateId = await createShopUpdate({ liveAt, previewAt: isoAfter(-60_000), items: [{ variantId: skein.variantId }] });
    const cartId = await createCart([{ variantId: skein.variantId, quantity: 1 }]);

    const res = await postCheckout(cartId);
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorJson;
    expect(body.error).toMatchObject({ code: "not_live", liveAt });
    expect(body.error.message).toMatch(/not live yet/);
    expect(await heldUnits([skein.variantId])).toBe(0);
    expect(await refusals(updateId)).toEqual([{ reason: "not_live", count: 1 }]);
  });

  it("holds an update's stock for its holdMinutes, not the usual window, and stores the client key, never the address", async () => {
    const skein = await createVariant({ stock: 5 });
    await createShopUpdate({ holdMinutes: 10, items: [{ variantId: skein.variantId }] });
    const cartId = await createCart([{ variantId: skein.variantId, quantity: 1 }]);
    const before = Date.now();

    const res = await postCheckout(cartId, { email: "ann@example.com" });
    expect(res.status).toBe(200);
    const started = (await res.json()) as Started;
    // The payment session still lives its provider's minimum.
    expect(Date.parse(started.expiresAt) - before).toBeGreaterThanOrEqual(30 * 60 * 1000);
    const [checkout] = await withFreshClient((reader) => reader.select().from(checkouts).where(eq(checkouts.id, started.checkoutId)));
    const held = Date.parse(checkout!.expiresAt) - before;
    expect(held).toBeGreaterThanOrEqual(10 * 60 * 1000 - 1000);
    expect(held).toBeLessThanOrEqual(10 * 60 * 1000 + 5000);
    const [reservation] = await withFreshClient((reader) => reader.select().from(stockReservations).where(eq(stockReservations.checkoutId, started.checkoutId)));
    expect(reservation!.expiresAt).toBe(checkout!.expiresAt);
    expect(checkout!.clientKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(checkout!.clientKey).not.toContain("203.0.113.7");
  });

  it("refuses a second cart of the same email past the update's limit with the message the shopper sees", async () => {
    const [a, b] = await createVariants(2, { stock: 10 });
    const updateId = await createShopUpdate({ limitPerCustomer: 2, items: [{ variantId: a!.variantId }, { variantId: b!.variantId }] });
    const first = await createCart([{ variantId: a!.variantId, quantity: 2 }]);
    expect((await postCheckout(first, { email: "bea@example.com" }, "198.51.100.1")).status).toBe(200);

    const second = await createCart([{ variantId: b!.variantId, quantity: 1 }]);
    const res = await postCheckout(second, { email: "BEA@example.com" }, "198.51.100.2");
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorJson;
    expect(body.error).toMatchObject({ code: "limit_reached", limit: 2, message: "This update allows 2 per customer." });
    expect(await heldUnits([a!.variantId, b!.variantId])).toBe(2);
    expect(await refusals(updateId)).toEqual([{ reason: "limit_reached", count: 1 }]);

    // Another customer (other email, other address) is not counted against Bea.
    const other = await createCart([{ variantId: b!.variantId, quantity: 2 }]);
    expect((await postCheckout(other, { email: "cat@example.com" }, "198.51.100.3")).status).toBe(200);
  });

  it("knows the customer by client address when the email differs, and a variant's own limit", async () => {
    const skein = await createVariant({ stock: 10 });
    await createShopUpdate({ items: [{ variantId: skein.variantId, limitPerCustomer: 1 }] });
    const first = await createCart([{ variantId: skein.variantId, quantity: 1 }]);
    expect((await postCheckout(first, { email: "dee@example.com" }, "192.0.2.9")).status).toBe(200);
    const second = await createCart([{ variantId: skein.variantId, quantity: 1 }]);
    const res = await postCheckout(second, { email: "dee.other@example.com" }, "192.0.2.9");
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error).toMatchObject({ code: "limit_reached", limit: 1, message: "This colourway allows 1 per customer." });
  });

  it("lets the same cart check out again: its own earlier hold is replaced, not counted", async () => {
    const skein = await createVariant({ stock: 10 });
    await createShopUpdate({ limitPerCustomer: 2, items: [{ variantId: skein.variantId }] });
    const cartId = await createCart([{ variantId: skein.variantId, quantity: 2 }]);
    expect((await postCheckout(cartId, { email: "eve@example.com" })).status).toBe(200);
    expect((await postCheckout(cartId, { email: "eve@example.com" })).status).toBe(200);
    expect(await heldUnits([skein.variantId])).toBe(2);
  });

  it("20 concurrent checkouts by one customer (different carts, same email) hold at most the limit", async () => {
    const variants = await createVariants(4, { stock: 50 });
    const ids = variants.map((variant) => variant.variantId);
    await createShopUpdate({ limitPerCustomer: 2, items: ids.map((variantId) => ({ variantId })) });
    const carts = await Promise.all(Array.from({ length: 20 }, (_, index) => createCart([{ variantId: ids[index % 4]!, quantity: 1 }])));

    const responses = await Promise.all(carts.map((cartId, index) => postCheckout(cartId, { email: "fay@example.com" }, `198.51.100.${index + 10}`)));
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(2);
    expect(await heldUnits(ids)).toBeLessThanOrEqual(2);
    expect(await heldUnits(ids)).toBeGreaterThan(0);
  });

  it("20 concurrent checkouts from one client address under different emails hold at most the limit", async () => {
    const [skein] = await createVariants(1, { stock: 50 });
    await createShopUpdate({ limitPerCustomer: 2, items: [{ variantId: skein!.variantId }] });
    const carts = await Promise.all(Array.from({ length: 20 }, () => createCart([{ variantId: skein!.variantId, quantity: 1 }])));
    const responses = await Promise.all(carts.map((cartId, index) => postCheckout(cartId, { email: `bot${index}@example.com` }, "192.0.2.77")));
    expect(responses.map((res) => res.status).filter((status) => status >= 500)).toEqual([]);
    const held = await heldUnits([skein!.variantId]);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(2);
  });

  it("a closed update governs nothing: its remaining stock sells as usual", async () => {
    const skein = await createVariant({ stock: 5 });
    const updateId = await createShopUpdate({ limitPerCustomer: 1, items: [{ variantId: skein.variantId }] });
    await writeTransaction((tx) => tx.update(shopUpdates).set({ closedAt: isoAfter(-1000) }).where(eq(shopUpdates.id, updateId)));
    const cartId = await createCart([{ variantId: skein.variantId, quantity: 3 }]);
    expect((await postCheckout(cartId, { email: "gil@example.com" })).status).toBe(200);
  });
});
