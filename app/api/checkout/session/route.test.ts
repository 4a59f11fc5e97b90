import { and, eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { statementCount, writeTransaction } from "@/lib/db";
import { checkouts, productVariants, stockReservations } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { createCart } from "@/tests/factories/cart";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant, createVariants } from "@/tests/factories/product";
import { createShippingZone, createYarnShopShipping } from "@/tests/factories/shipping";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { POST } from "./route";

/** process.env.NODE_ENV is typed read-only; tests switch it to exercise production's guards. */
const setNodeEnv = (value: "test" | "production") => Object.assign(process.env, { NODE_ENV: value });

type Started = { checkoutId: string; sessionId: string; url: string; expiresAt: string };
type ErrorJson = { error: { code: string; message: string; details?: unknown } };

function postCheckout(cartId: string | null, body: unknown = { country: "GB" }) {
  return POST(checkoutRequest("/api/checkout/session", { cartId, body }), noParams);
}

async function checkoutsOfCart(cartId: string) {
  return withFreshClient((read) => read.select().from(checkouts).where(eq(checkouts.cartId, cartId)));
}

async function reservedUnits(variantIds: number[]): Promise<number> {
  return withFreshClient(async (read) => {
    const [row] = await read
      .select({ units: sql<number>`coalesce(sum(${stockReservations.quantity}), 0)` })
      .from(stockReservations)
      .where(inArray(stockReservations.variantId, variantIds));
    return Number(row?.units ?? 0);
  });
}

async function countCheckouts(): Promise<number> {
  return withFreshClient(async (read) => (await read.select({ n: sql<number>`count(*)` }).from(checkouts))[0]!.n);
}

describe("POST /api/checkout/session", () => {
  beforeAll(async () => {
    await createYarnShopShipping();
    await createDiscountCode({ code: "WELCOME10", kind: "percent", value: 10 });
  });

  afterEach(() => {
    delete process.env.PAYMENTS_PROVIDER;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    delete process.env.APP_URL;
    setNodeEnv("test");
    resetEnvForTests();
  });

  it("holds the cart's stock and answers with the payment page to go to", async () => {
    const yarn = await createVariant({ price: 1800, stock: 4, weightGrams: 100 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 2 }]);
    const before = Date.now();

    const res = await postCheckout(cartId, { country: "gb", email: "Ann@Example.com", acceptsMarketing: true, discountCode: "welcome10" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Started;
    expect(body.url).toBe(`/checkout/local/${body.checkoutId}`);
    expect(body.sessionId).toMatch(/^cs_local_/);
    const expiresIn = Date.parse(body.expiresAt) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(30 * 60 * 1000);
    expect(expiresIn).toBeLessThan(32 * 60 * 1000);

    const [checkout] = await checkoutsOfCart(cartId);
    expect(checkout).toMatchObject({
      id: body.checkoutId,
      status: "open",
      email: "ann@example.com",
      country: "GB",
      acceptsMarketing: true,
      currency: "GBP",
      subtotal: 3600,
      discountTotal: 360,
      paymentProvider: "local",
      paymentSessionId: body.sessionId,
      paymentUrl: body.url,
    });
    expect(checkout!.lines).toEqual([
      expect.objectContaining({ variantId: yarn.variantId, unitPrice: 1800, quantity: 2, weightGrams: 100, sku: yarn.sku }),
    ]);
    const quote = checkout!.quote as { shippingOptions: { name: string }[]; total: number; paymentExpiresAt: string };
    expect(quote.shippingOptions.map((option) => option.name)).toEqual(["Royal Mail 2nd Class", "Tracked 24"]);
    expect(quote.total).toBe(3600 - 360 + 350);
    expect(quote.paymentExpiresAt).toBe(body.expiresAt);

    const reservations = await withFreshClient((read) => read.select().from(stockReservations).where(eq(stockReservations.checkoutId, body.checkoutId)));
    expect(reservations).toEqual([expect.objectContaining({ variantId: yarn.variantId, quantity: 2 })]);
    // The hold outlasts the payment session by a short grace.
    const grace = Date.parse(reservations[0]!.expiresAt) - Date.parse(body.expiresAt);
    expect(grace).toBe(5 * 60 * 1000);
    expect(checkout!.expiresAt).toBe(reservations[0]!.expiresAt);
  });

  it("runs the same number of statements for a 50-line cart as for a 1-line cart", async () => {
    const [single] = await createVariants(1);
    const many = await createVariants(50);
    const smallCart = await createCart([{ variantId: single!.variantId, quantity: 1 }]);
    const bigCart = await createCart(many.map((variant) => ({ variantId: variant.variantId, quantity: 1 })));

    const measure = async (cartId: string) => {
      const before = statementCount();
      const res = await postCheckout(cartId);
      expect(res.status).toBe(200);
      return statementCount() - before;
    };
    const small = await measure(smallCart);
    const big = await measure(bigCart);
    expect(big).toBe(small);
    expect(await reservedUnits(many.map((variant) => variant.variantId))).toBe(50);
  });

  it("refuses an empty cart, or no cart at all, with 400 and writes nothing", async () => {
    const before = await countCheckouts();
    const emptyCart = await createCart([]);
    for (const cartId of [emptyCart, null, "cart_that_does_not_exist"]) {
      const res = await postCheckout(cartId);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorJson).error.message).toMatch(/cart is empty/i);
    }
    expect(await countCheckouts()).toBe(before);
  });

  it("answers malformed input with 400 and writes nothing", async () => {
    const yarn = await createVariant();
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const bodies = ["{not json", { country: "United Kingdom" }, { country: "GB", email: "not-an-email" }, { country: "GB", acceptsMarketing: "yes" }, []];
    for (const body of bodies) {
      const res = await postCheckout(cartId, body);
      expect(res.status).toBe(400);
    }
    expect(await checkoutsOfCart(cartId)).toEqual([]);
    expect(await reservedUnits([yarn.variantId])).toBe(0);
  });

  it("refuses a country nobody ships to with 422 no_shipping_rate before any payment session", async () => {
    const yarn = await createVariant();
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const res = await postCheckout(cartId, { country: "BR" });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("no_shipping_rate");
    expect(body.error.message).toContain("Brazil");
    expect(await checkoutsOfCart(cartId)).toEqual([]);
    expect(await reservedUnits([yarn.variantId])).toBe(0);
  });

  it("refuses a withdrawn code a zone still holds with the same 422 as an unserved country: no hold, no payment session", async () => {
    // Saved before the country list was cleaned: Stripe Checkout would refuse a session for DY (Benin's old code).
    await createShippingZone({ name: "Saved before the list was cleaned", countries: ["DY"], rates: [{ name: "Airmail", price: 1500 }] });
    const yarn = await createVariant();
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const before = await countCheckouts();
    const res = await postCheckout(cartId, { country: "DY", email: "ann@example.com" });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: { code: "no_shipping_rate", message: expect.stringContaining("we don't deliver to"), details: { country: "DY", reason: "country_not_served" } },
    });
    expect(await checkoutsOfCart(cartId)).toEqual([]);
    expect(await countCheckouts()).toBe(before);
    expect(await reservedUnits([yarn.variantId])).toBe(0);
  });

  it("refuses a parcel too heavy to post with a message saying how to fix it", async () => {
    const blanket = await createVariant({ weightGrams: 1200 });
    const cartId = await createCart([{ variantId: blanket.variantId, quantity: 2 }]);
    const res = await postCheckout(cartId, { country: "FR" });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("no_shipping_rate");
    expect(body.error.message).toMatch(/2\.4 kg.*2 kg.*Remove some items/);
    expect(await checkoutsOfCart(cartId)).toEqual([]);
  });

  it("refuses a discount code that is no longer usable with 422 not_valid, writing nothing", async () => {
    await createDiscountCode({ code: "OLDNEWS", endsAt: "2025-01-01T00:00:00.000Z" });
    const yarn = await createVariant();
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const res = await postCheckout(cartId, { country: "GB", discountCode: "oldnews" });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error).toEqual({ code: "discount_not_applicable", message: expect.stringMatching(/isn't valid/), details: { reason: "not_valid" } });
    expect(await checkoutsOfCart(cartId)).toEqual([]);
  });

  it("answers 409 with the shortfall when an item sold out while it sat in the cart", async () => {
    const yarn = await createVariant({ stock: 3 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 3 }]);
    await writeTransaction((tx) => tx.update(productVariants).set({ stock: 1 }).where(eq(productVariants.id, yarn.variantId)));
    const res = await postCheckout(cartId);
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("insufficient_stock");
    expect(body.error.details).toEqual([{ variantId: yarn.variantId, requested: 3, available: 1 }]);
    expect(body.error.message).toContain("only 1 left");
    expect(await checkoutsOfCart(cartId)).toEqual([]);
  });

  it("answers 409 when a product in the cart is no longer for sale", async () => {
    const retired = await createVariant({ productStatus: "archived" });
    const cartId = await createCart([{ variantId: retired.variantId, quantity: 1 }]);
    const res = await postCheckout(cartId);
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error.details).toEqual([{ variantId: retired.variantId, requested: 1, available: 0 }]);
  });

  it("replaces the cart's open checkout with a new one and releases the first reservation", async () => {
    const yarn = await createVariant({ stock: 3 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 3 }]);
    const first = (await (await postCheckout(cartId)).json()) as Started;
    // All three units are now the first checkout's; the shopper's own hold must not block them.
    const secondRes = await postCheckout(cartId, { country: "US" });
    expect(secondRes.status).toBe(200);
    const second = (await secondRes.json()) as Started;

    const rows = await checkoutsOfCart(cartId);
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({ [first.checkoutId]: "replaced", [second.checkoutId]: "open" });
    const reservations = await withFreshClient((read) => read.select().from(stockReservations).where(eq(stockReservations.variantId, yarn.variantId)));
    expect(reservations).toEqual([expect.objectContaining({ checkoutId: second.checkoutId, quantity: 3 })]);
  });

  it("lets exactly 5 of 50 simultaneous shoppers check out the last 5 units; the rest get 409", async () => {
    const lastSkeins = await createVariant({ stock: 5 });
    const cartIds = await Promise.all(Array.from({ length: 50 }, () => createCart([{ variantId: lastSkeins.variantId, quantity: 1 }])));

    const responses = await Promise.all(cartIds.map((cartId) => postCheckout(cartId)));
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(45);
    expect(statuses.filter((status) => status >= 500)).toHaveLength(0);
    for (const res of responses.filter((r) => r.status === 409)) {
      expect(((await res.json()) as ErrorJson).error.code).toBe("insufficient_stock");
    }

    expect(await reservedUnits([lastSkeins.variantId])).toBe(5);
    const open = await withFreshClient((read) =>
      read
        .select({ n: sql<number>`count(*)` })
        .from(checkouts)
        .where(and(inArray(checkouts.cartId, cartIds), eq(checkouts.status, "open"))),
    );
    expect(open[0]!.n).toBe(5);
  });

  it("answers 503 with a clear message when production lacks the payment configuration", async () => {
    setNodeEnv("production");
    resetEnvForTests();
    const yarn = await createVariant();
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const res = await postCheckout(cartId);
    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorJson).error.message).toMatch(/checkout is temporarily closed/i);
    expect(await checkoutsOfCart(cartId)).toEqual([]);
  });

  it("never uses the local payment page in production unless PAYMENTS_PROVIDER=local is set", async () => {
    const yarn = await createVariant();
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    setNodeEnv("production");
    process.env.STRIPE_WEBHOOK_SECRET = "whsec_production_test_signing_secret_0123456789";
    process.env.APP_URL = "https://shop.example.com"; // required in production
    resetEnvForTests();
    // No Stripe key and no explicit choice: production means Stripe, so checkout stays closed.
    expect((await postCheckout(cartId)).status).toBe(503);

    process.env.PAYMENTS_PROVIDER = "local";
    resetEnvForTests();
    const res = await postCheckout(cartId);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Started).url).toMatch(/^\/checkout\/local\//);
  });
});
