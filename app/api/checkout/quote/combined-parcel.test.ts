// One parcel per customer at checkout: the quote and the checkout session through the real route handlers.
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BuiltQuote } from "@/lib/checkout/build-checkout-quote";
import { writeTransaction } from "@/lib/db";
import { checkouts, orders, type OrderStatus, type PaymentStatus } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { isoAfter } from "@/lib/time";
import { createAdminOrder } from "@/tests/factories/admin-orders";
import { createCart } from "@/tests/factories/cart";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant, type TestVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { createShopUpdate } from "@/tests/factories/shop-update";
import { POST as startSession } from "../session/route";
import { POST } from "./route";

type ErrorJson = { error: { code: string; message: string } };

const quote = (cartId: string, body: Record<string, unknown>) => POST(checkoutRequest("/api/checkout/quote", { cartId, body }), noParams);

async function quoted(cartId: string, body: Record<string, unknown>): Promise<BuiltQuote> {
  const res = await quote(cartId, body);
  expect(res.status).toBe(200);
  return (await res.json()) as BuiltQuote;
}

/** A live update of two colourways, and a paid, unshipped order of the first by `email` placed since it went live. */
async function updateWithPriorOrder(spec: { email?: string; country?: string; status?: OrderStatus; paymentStatus?: PaymentStatus; createdAt?: string; liveAt?: string } = {}) {
  const first = await createVariant({ price: 2400, weightGrams: 100, stock: 20 });
  const second = await createVariant({ price: 2600, weightGrams: 100, stock: 20 });
  const updateId = await createShopUpdate({ liveAt: spec.liveAt ?? isoAfter(-60 * 60_000), items: [{ variantId: first.variantId }, { variantId: second.variantId }] });
  const prior = await createAdminOrder({
    email: spec.email ?? "grace@example.com",
    name: "Grace Hopper",
    country: spec.country ?? "GB",
    status: spec.status,
    paymentStatus: spec.paymentStatus,
    createdAt: spec.createdAt,
    lines: [{ variant: first, quantity: 1 }],
  });
  return { first, second, updateId, prior };
}

const cartOf = (variant: TestVariant, quantity = 1) => createCart([{ variantId: variant.variantId, quantity }]);

beforeAll(async () => {
  await createYarnShopShipping();
});

describe("POST /api/checkout/quote: a second order in the same update", () => {
  it("ships free with the unshipped first order: one option named after it, the total without shipping, the parcel's address masked", async () => {
    const { second, prior } = await updateWithPriorOrder();
    const cartId = await cartOf(second);

    const body = await quoted(cartId, { country: "GB", email: "Grace@Example.com" });
    expect(body.combinedWith).toEqual({ orderId: prior.id, orderNumber: prior.orderNumber, maskedAddress: "G. H., 3 W…, H…, HX1 …" });
    expect(body.quote.shippingOptions).toHaveLength(1);
    expect(body.quote.shippingOptions[0]).toMatchObject({ name: `Combined with ${prior.orderNumber}`, amount: 0, isFree: true, regularAmount: 350 });
    expect(body.quote).toMatchObject({ shipping: 0, subtotal: 2600, total: 2600 });
    expect(JSON.stringify(body)).not.toContain("Weavers");
  });

  it("charges shipping as usual without an email, or for another email, another country or another update", async () => {
    const { second } = await updateWithPriorOrder({ email: "ada@example.com" });
    const cartId = await cartOf(second);
    for (const body of [{ country: "GB" }, { country: "GB", email: "someone.else@example.com" }]) {
      const res = await quoted(cartId, body);
      expect(res.combinedWith).toBeNull();
      expect(res.quote.shippingOptions.map((option) => option.amount)).toEqual([350, 695]);
      expect(res.quote.total).toBe(2950);
    }

    const abroad = await updateWithPriorOrder({ email: "ines@example.com", country: "FR" });
    const ukCart = await cartOf(abroad.second);
    expect((await quoted(ukCart, { country: "GB", email: "ines@example.com" })).combinedWith).toBeNull();
    expect((await quoted(ukCart, { country: "FR", email: "ines@example.com" })).combinedWith).toMatchObject({ orderId: abroad.prior.id });

    const other = await updateWithPriorOrder({ email: "olive@example.com" });
    const elsewhere = await updateWithPriorOrder({ email: "someone@example.com" });
    const otherUpdateCart = await cartOf(elsewhere.second);
    expect((await quoted(otherUpdateCart, { country: "GB", email: "olive@example.com" })).combinedWith).toBeNull();
    expect((await quoted(await cartOf(other.second), { country: "GB", email: "olive@example.com" })).combinedWith).toMatchObject({ orderId: other.prior.id });

    // Not a shop update's variant at all: an ordinary cart never combines.
    const plain = await createVariant({ price: 1000, weightGrams: 100 });
    expect((await quoted(await cartOf(plain), { country: "GB", email: "olive@example.com" })).combinedWith).toBeNull();
  });

  it("does not combine with an order already shipped, cancelled, refunded or unpaid, placed before the update went live, or of a closed update", async () => {
    const cases: Parameters<typeof updateWithPriorOrder>[0][] = [
      { status: "shipped" },
      { status: "delivered" },
      { status: "cancelled" },
      { status: "refunded", paymentStatus: "refunded" },
      { paymentStatus: "pending" },
      { createdAt: isoAfter(-2 * 60 * 60_000) },
    ];
    for (const [index, spec] of cases.entries()) {
      const email = `case-${index}@example.com`;
      const { second } = await updateWithPriorOrder({ ...spec, email });
      expect((await quoted(await cartOf(second), { country: "GB", email })).combinedWith, JSON.stringify(spec)).toBeNull();
    }

    const { second, updateId } = await updateWithPriorOrder({ email: "closed@example.com" });
    await writeTransaction((tx) => tx.run(sql`UPDATE shop_updates SET closed_at = ${isoAfter(-1000)} WHERE id = ${updateId}`));
    expect((await quoted(await cartOf(second), { country: "GB", email: "closed@example.com" })).combinedWith).toBeNull();
  });

  it("joins the earliest unshipped order when the customer has several", async () => {
    const { second, first, prior } = await updateWithPriorOrder({ email: "many@example.com" });
    await createAdminOrder({ email: "many@example.com", lines: [{ variant: first, quantity: 1 }] });
    expect((await quoted(await cartOf(second), { country: "GB", email: "many@example.com" })).combinedWith).toMatchObject({ orderId: prior.id });
  });

  it("refuses a malformed email with 400 and combines nothing", async () => {
    const { second } = await updateWithPriorOrder({ email: "bad@example.com" });
    const res = await quote(await cartOf(second), { country: "GB", email: "bad@" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe("validation_error");
  });
});

describe("POST /api/checkout/session: the stored link", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.CHECKOUT_ABUSE_LIMITS = "off";
    resetEnvForTests();
  });
  afterEach(() => {
    if (saved.CHECKOUT_ABUSE_LIMITS === undefined) delete process.env.CHECKOUT_ABUSE_LIMITS;
    else process.env.CHECKOUT_ABUSE_LIMITS = saved.CHECKOUT_ABUSE_LIMITS;
    resetEnvForTests();
  });

  const start = (cartId: string, body: Record<string, unknown>) => startSession(checkoutRequest("/api/checkout/session", { cartId, body }), noParams);
  const checkoutRow = (id: string) => withFreshClient(async (read) => (await read.select().from(checkouts).where(eq(checkouts.id, id)))[0]!);

  it("stores the order the checkout's goods ship with, and the single free option the payment session charges", async () => {
    const { second, prior } = await updateWithPriorOrder({ email: "link@example.com" });
    const res = await start(await cartOf(second), { country: "GB", email: "link@example.com" });
    expect(res.status).toBe(200);
    const row = await checkoutRow(((await res.json()) as { checkoutId: string }).checkoutId);
    expect(row.combinedWithOrderId).toBe(prior.id);
    expect(row.quote.shippingOptions).toEqual([expect.objectContaining({ name: `Combined with ${prior.orderNumber}`, amount: 0 })]);
    expect(row.quote.total).toBe(2600);
  });

  it("stores no link for another customer's checkout, nor once the first order has shipped", async () => {
    const { second, prior } = await updateWithPriorOrder({ email: "first@example.com" });
    const stranger = await start(await cartOf(second), { country: "GB", email: "stranger@example.com" });
    expect((await checkoutRow(((await stranger.json()) as { checkoutId: string }).checkoutId)).combinedWithOrderId).toBeNull();

    await writeTransaction((tx) => tx.update(orders).set({ status: "shipped" }).where(eq(orders.id, prior.id)));
    const late = await start(await cartOf(second), { country: "GB", email: "first@example.com" });
    const row = await checkoutRow(((await late.json()) as { checkoutId: string }).checkoutId);
    expect(row.combinedWithOrderId).toBeNull();
    expect(row.quote.shipping).toBe(350);
  });
});
