import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, traceRoundTrips, writeTransaction, type Db } from "@/lib/db";
import {
  carts,
  checkouts,
  customers,
  discountCodes,
  discountRedemptions,
  emailOutbox,
  inventoryAdjustments,
  orderEvents,
  orderItems,
  orders,
  productVariants,
  stockReservations,
} from "@/lib/db/schema";
import { adjustStock } from "@/lib/inventory/stock";
import { paymentFactsFromSession, stripeCheckoutSession } from "@/lib/webhooks/stripe-objects";
import { createCheckout } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { buildCheckoutSessionEvent, type SessionEventOptions, type StripeEventPayload } from "@/tests/factories/stripe-event";
import { deliver, deliverUnderLock } from "@/tests/factories/webhook";
import { orderFallbackCount } from "./order-fallbacks";
import { planPaidOrder } from "./paid-order-plan";
import { preparePlan, writePaidOrder } from "./write-paid-order";

type WorldOptions = {
  /** The code's limit and uses so far; null: no discount at all. */
  code?: { usageLimit: number | null; uses: number; percent: number } | null;
  /** Quoted shipping (free for the 100 % discount's no-payment case). */
  shippingAmount?: number;
  /** Units of the mohair the owner finds missing after the checkout held its one (a shortfall). */
  mohairLost?: number;
};

/** Two yarns, by default a code with uses to spare, and their checkout: the same shop every time. */
async function newWorld(label: string, options: WorldOptions = {}) {
  const spec = options.code === undefined ? { usageLimit: 5, uses: 2, percent: 10 } : options.code;
  const code = spec ? await createDiscountCode({ usageLimit: spec.usageLimit, uses: spec.uses, value: spec.percent }) : null;
  const yarn = await createVariant({ price: 1800, stock: 6 });
  const mohair = await createVariant({ name: "Kid Mohair", variantName: "Fog", price: 2400, stock: 3 });
  const checkout = await createCheckout({
    lines: [
      { variant: yarn, quantity: 2 },
      { variant: mohair, quantity: 1 },
    ],
    email: `${label}@example.com`,
    acceptsMarketing: true,
    discount: code && spec ? { id: code.id, code: code.code, percent: spec.percent } : null,
    ...(options.shippingAmount === undefined ? {} : { shippingOptions: [{ rateId: null, name: "Collect from the studio", amount: options.shippingAmount }] }),
  });
  if (options.mohairLost) await writeTransaction((tx) => adjustStock(tx, { variantId: mohair.variantId, delta: -options.mohairLost!, reason: "cycle_count" }));
  return { code, variants: [yarn, mohair], checkout };
}

type World = Awaited<ReturnType<typeof newWorld>>;

/**
 * Every row the order touched, without what differs between two worlds by identity alone (ids,
 * times, the number, the secret link, the email, the code's text): what is left must be the same.
 * The confirmation's subject, HTML and text are compared whole.
 */
async function whatWasWritten(world: World) {
  const snapshot = await withFreshClient(async (reader: Db) => {
    const [order] = await reader.select().from(orders).where(eq(orders.checkoutId, world.checkout.id));
    const variantIds = world.variants.map((variant) => variant.variantId);
    const variantIndex = (id: unknown) => variantIds.indexOf(Number(id));
    const [customer] = await reader.select().from(customers).where(eq(customers.id, order!.customerId!));
    const events = await reader.select().from(orderEvents).where(eq(orderEvents.orderId, order!.id)).orderBy(asc(orderEvents.id));
    const outbox = await reader.select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id)).orderBy(asc(emailOutbox.id));
    // The owner's alert links to the order by its id, which differs between the two worlds.
    const withoutId = (text: string) => text.replaceAll(`/admin/orders/${order!.id}`, "/admin/orders/<id>");
    return {
      identity: [
        order!.orderNumber,
        order!.lookupToken,
        world.checkout.id,
        world.checkout.email!,
        ...(world.code ? [world.code.code] : []),
        order!.paymentSessionId!,
        order!.paymentIntentId!,
        ...world.variants.map((variant) => variant.sku),
      ],
      order: { ...order!, id: 0, orderSeq: 0, customerId: 0, shippingRateId: order!.shippingRateId !== null, createdAt: "", updatedAt: "", paidAt: order!.paidAt ? "set" : null },
      items: (await reader.select().from(orderItems).where(eq(orderItems.orderId, order!.id)).orderBy(asc(orderItems.id))).map((item) => ({
        ...item,
        id: 0,
        orderId: 0,
        createdAt: "",
        variantId: variantIndex(item.variantId),
        productId: item.productId === world.variants[variantIndex(item.variantId)]!.productId,
      })),
      events: events.map((event) => {
        const data = event.data as { moves?: { variantId: number }[]; lines?: { variantId: number }[]; outboxId?: number; stockHeldUntil?: string | null } | null;
        return {
          type: event.type,
          message: event.message,
          actor: event.actor,
          data: data && {
            ...data,
            ...(data.moves ? { moves: data.moves.map((move) => ({ ...move, variantId: variantIndex(move.variantId) })) } : {}),
            ...(data.lines ? { lines: data.lines.map((line) => ({ ...line, variantId: variantIndex(line.variantId) })) } : {}),
            ...(data.outboxId ? { outboxId: data.outboxId === outbox[0]?.id } : {}),
            ...(data.stockHeldUntil ? { stockHeldUntil: "set" } : {}),
          },
        };
      }),
      ledger: (await reader.select().from(inventoryAdjustments).where(inArray(inventoryAdjustments.variantId, variantIds)).orderBy(asc(inventoryAdjustments.id))).map(
        (row) => ({ ...row, id: 0, createdAt: "", variantId: variantIndex(row.variantId) }),
      ),
      stock: (await reader.select({ id: productVariants.id, stock: productVariants.stock }).from(productVariants).where(inArray(productVariants.id, variantIds))).map(
        (row) => [variantIndex(row.id), row.stock],
      ),
      code: world.code ? (await reader.select({ uses: discountCodes.uses }).from(discountCodes).where(eq(discountCodes.id, world.code.id)))[0] : null,
      redemptions: (await reader.select().from(discountRedemptions).where(eq(discountRedemptions.orderId, order!.id))).map((row) => ({
        ...row,
        id: 0,
        discountCodeId: row.discountCodeId === world.code?.id,
        orderId: 0,
        createdAt: "",
      })),
      outbox: outbox.map((row) => ({
        ...row,
        id: 0,
        orderId: 0,
        idempotencyKey: row.idempotencyKey.replace(`/${order!.id}`, "/<id>"),
        html: withoutId(row.html),
        text: withoutId(row.text),
        createdAt: "",
        updatedAt: "",
        nextAttemptAt: "",
      })),
      customer: { ...customer!, id: 0, createdAt: "", updatedAt: "", marketingConsentAt: customer!.marketingConsentAt ? "set" : null },
      checkout: (await reader.select({ status: checkouts.status, failureReason: checkouts.failureReason }).from(checkouts).where(eq(checkouts.id, world.checkout.id)))[0],
      holds: (await reader.select().from(stockReservations).where(eq(stockReservations.checkoutId, world.checkout.id))).length,
      carts: (await reader.select().from(carts).where(and(eq(carts.id, world.checkout.cartId)))).length,
    };
  });
  const { identity, ...rows } = snapshot;
  let text = JSON.stringify(rows);
  for (const [index, value] of identity.entries()) text = text.replaceAll(value, `<identity ${index}>`);
  return JSON.parse(text) as Record<string, unknown> & { order: { status: string; flags: string[] }; outbox: { html: string; text: string; idempotencyKey: string }[]; events: { type: string }[] };
}

/** The webhook as it runs: a payment goes through the one batch (counted: one round trip under the lock). */
async function throughTheBatch(event: StripeEventPayload) {
  let underLock = 0;
  const stop = traceRoundTrips((trip) => (underLock += trip.isUnderWriteLock ? 1 : 0));
  try {
    const response = await deliver(event);
    expect(response.status).toBe(200);
  } finally {
    stop();
  }
  expect(underLock).toBe(1);
}

/** What the webhook falls back to when a guard refuses the batch: the locked path, driven directly. */
async function throughTheLock(event: StripeEventPayload) {
  const response = await deliverUnderLock(event);
  expect(response.status).toBe(200);
}

type Case = {
  name: string;
  world?: WorldOptions;
  event?: SessionEventOptions;
  /** A delayed method: `completed` unpaid first (the same transaction on both paths), then the result. */
  isDelayed?: boolean;
  /** The same event delivered twice. */
  isDuplicate?: boolean;
  expected: { status: "processing" | "on_hold"; flags: string[] };
};

const FRANCE = { line1: "1 Rue", city: "Paris", postal_code: "75001", country: "FR" };

const CASES: Case[] = [
  { name: "paid by card, with a discount", expected: { status: "processing", flags: [] } },
  { name: "paid by card, without a discount", world: { code: null }, expected: { status: "processing", flags: [] } },
  { name: "a delayed payment, pending then settled", isDelayed: true, expected: { status: "processing", flags: [] } },
  {
    name: "no payment required (a 100 % discount, free collection)",
    world: { code: { usageLimit: null, uses: 0, percent: 100 }, shippingAmount: 0 },
    event: { paymentStatus: "no_payment_required", amountTotal: 0 },
    expected: { status: "processing", flags: [] },
  },
  { name: "paid the wrong amount", event: { amountTotal: 999 }, expected: { status: "on_hold", flags: ["payment_mismatch"] } },
  { name: "an address in another country", event: { address: FRANCE }, expected: { status: "on_hold", flags: ["shipping_country_mismatch"] } },
  { name: "the wrong amount to another country", event: { amountTotal: 999, address: FRANCE }, expected: { status: "on_hold", flags: ["payment_mismatch", "shipping_country_mismatch"] } },
  { name: "stock short (the owner counted less after the hold)", world: { mohairLost: 3 }, expected: { status: "on_hold", flags: ["stock_shortfall"] } },
  { name: "the code over its limit", world: { code: { usageLimit: 2, uses: 2, percent: 10 } }, expected: { status: "processing", flags: ["discount_limit_exceeded"] } },
  { name: "a duplicate delivery", isDuplicate: true, expected: { status: "processing", flags: [] } },
];

describe("a paid order written by the batch is the order the locked path writes", () => {
  it.each(CASES)("$name", async ({ world: worldOptions, event: eventOptions, isDelayed, isDuplicate, expected }) => {
    const written = [];
    for (const path of ["batch", "lock"] as const) {
      const world = await newWorld(`${path}-${Math.random().toString(36).slice(2, 8)}`, worldOptions);
      if (isDelayed) expect((await deliver(buildCheckoutSessionEvent(world.checkout, { paymentStatus: "unpaid" }))).status).toBe(200);
      const event = buildCheckoutSessionEvent(world.checkout, { ...eventOptions, ...(isDelayed ? { type: "checkout.session.async_payment_succeeded" } : {}) });
      await (path === "batch" ? throughTheBatch(event) : throughTheLock(event));
      if (isDuplicate) {
        const again = await (path === "batch" ? deliver(event) : deliverUnderLock(event));
        expect(await again.json()).toMatchObject({ status: "duplicate" });
      }
      written.push(await whatWasWritten(world));
    }
    const [fromBatch, fromLock] = written;
    expect(fromBatch).toEqual(fromLock);
    // Not vacuous: the order as the case says, and its email.
    expect(fromBatch!.order).toMatchObject({ paymentStatus: "paid", status: expected.status, flags: expected.flags });
    expect(fromBatch).toMatchObject({ holds: 0, carts: 0, checkout: { status: "completed" } });
    // The shopper's confirmation, and the owner's alert when the order is held (alertOnHold is on by default).
    const isHeld = expected.status === "on_hold";
    expect(fromBatch!.outbox.map((row) => row.idempotencyKey)).toEqual([
      "order_confirmation/<id>",
      ...(isHeld ? [`owner_alert/order_on_hold/<id>/${expected.flags.filter((flag) => flag !== "discount_limit_exceeded").join("+")}`] : []),
    ]);
    expect(fromBatch!.outbox[0]!.html).toContain("<identity 0>");
    expect(fromBatch!.outbox[0]!.text).toContain("<identity 0>");
    for (const flag of expected.flags) expect(fromBatch!.events.map((event) => event.type)).toContain(flag);
  });
});

describe("the batch's named guards: what the plan read moved before the batch ran", () => {
  afterEach(() => vi.restoreAllMocks());

  async function planned(world: World) {
    const checkout = (await (await db()).select().from(checkouts).where(eq(checkouts.id, world.checkout.id)))[0]!;
    const facts = paymentFactsFromSession(stripeCheckoutSession.parse(buildCheckoutSessionEvent(world.checkout).data.object));
    const result = await planPaidOrder(await db(), { checkout, facts, actor: "webhook" });
    if (!("plan" in result)) throw new Error("expected a plan");
    return { plan: result.plan, prepared: await preparePlan(result.plan) };
  }

  const nothingWritten = async (world: World) =>
    withFreshClient(async (reader) => ({
      orders: (await reader.select().from(orders).where(eq(orders.checkoutId, world.checkout.id))).length,
      stock: (await reader.select({ stock: productVariants.stock }).from(productVariants).where(inArray(productVariants.id, world.variants.map((v) => v.variantId)))).map(
        (row) => row.stock,
      ),
      uses: (await reader.select({ uses: discountCodes.uses }).from(discountCodes).where(eq(discountCodes.id, world.code!.id)))[0]!.uses,
      holds: (await reader.select().from(stockReservations).where(eq(stockReservations.checkoutId, world.checkout.id))).length,
      checkout: (await reader.select({ status: checkouts.status }).from(checkouts).where(eq(checkouts.id, world.checkout.id)))[0]!.status,
    }));

  /** The batch refused by `guard`: nothing written, one structured line naming it, one more fallback counted. */
  async function expectRefusedBy(guard: string, world: World, write: () => Promise<unknown>) {
    const logged = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const before = await nothingWritten(world);
    const fallbacks = orderFallbackCount();
    expect(await write()).toBeNull();
    expect(await nothingWritten(world)).toEqual(before);
    expect(orderFallbackCount()).toBe(fallbacks + 1);
    expect(logged.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([{ event: "order_write_fallback", guard, checkoutId: world.checkout.id }]);
    logged.mockRestore();
  }

  it("stock sold meanwhile (the owner counted less): refused by the stock guard, and the webhook then holds the order for the shortfall", async () => {
    const world = await newWorld("stock-moved");
    const { plan, prepared } = await planned(world);
    // Mohair: 3 in stock, 1 held by this checkout; the owner finds only 0 on the shelf.
    await writeTransaction((tx) => adjustStock(tx, { variantId: world.variants[1]!.variantId, delta: -3, reason: "cycle_count" }));
    await expectRefusedBy("stock", world, () => writePaidOrder(plan, prepared));

    expect((await deliver(buildCheckoutSessionEvent(world.checkout))).status).toBe(200);
    const [order] = await withFreshClient((reader) => reader.select().from(orders).where(eq(orders.checkoutId, world.checkout.id)));
    expect(order).toMatchObject({ status: "on_hold", flags: ["stock_shortfall"] });
  });

  it("the code's last use taken meanwhile: refused by the discount guard, and the webhook then records the overrun", async () => {
    const world = await newWorld("code-moved");
    const { plan, prepared } = await planned(world);
    await withFreshClient((writer) => writer.update(discountCodes).set({ uses: 5 }).where(eq(discountCodes.id, world.code!.id)));
    await expectRefusedBy("discount", world, () => writePaidOrder(plan, prepared));

    expect((await deliver(buildCheckoutSessionEvent(world.checkout))).status).toBe(200);
    const [order] = await withFreshClient((reader) => reader.select().from(orders).where(eq(orders.checkoutId, world.checkout.id)));
    expect(order!.flags).toEqual(["discount_limit_exceeded"]);
  });

  it("the code renamed meanwhile: refused, so no event names a code the row no longer has", async () => {
    const world = await newWorld("code-renamed");
    const { plan, prepared } = await planned(world);
    await withFreshClient((writer) => writer.update(discountCodes).set({ code: `${world.code!.code}X` }).where(eq(discountCodes.id, world.code!.id)));
    await expectRefusedBy("discount", world, () => writePaidOrder(plan, prepared));
  });

  it("two deliveries planned at once: the first writes the order, the second is refused by the order guard and writes nothing", async () => {
    const world = await newWorld("twice");
    const [first, second] = [await planned(world), await planned(world)];
    expect(await writePaidOrder(first.plan, first.prepared)).toMatchObject({ orderNumber: expect.stringMatching(/^HD-\d+$/) });
    await expectRefusedBy("order", world, () => writePaidOrder(second.plan, second.prepared));
    expect(await nothingWritten(world)).toMatchObject({ orders: 1, uses: 3, holds: 0, checkout: "completed" });
  });

  it("a failure that is not a guard (a constraint, a fault) is thrown, not taken for a race: nothing written, no fallback", async () => {
    const world = await newWorld("fault");
    const { plan, prepared } = await planned(world);
    const before = await nothingWritten(world);
    const fallbacks = orderFallbackCount();
    // The database refuses the order lines (as a full disk would): SQLITE_CONSTRAINT_TRIGGER, not a guard.
    await withFreshClient((writer) => writer.run(sql`CREATE TRIGGER refuse_items BEFORE INSERT ON order_items BEGIN SELECT RAISE(ABORT, 'disk full'); END`));
    try {
      await expect(writePaidOrder(plan, prepared)).rejects.toThrow(/disk full/);
    } finally {
      await withFreshClient((writer) => writer.run(sql`DROP TRIGGER refuse_items`));
    }
    expect(await nothingWritten(world)).toEqual(before);
    expect(orderFallbackCount()).toBe(fallbacks);
  });

  it("a checkout whose order already has its payment result is not planned", async () => {
    const done = await newWorld("done");
    await deliver(buildCheckoutSessionEvent(done.checkout));
    const checkout = (await (await db()).select().from(checkouts).where(eq(checkouts.id, done.checkout.id)))[0]!;
    const facts = paymentFactsFromSession(stripeCheckoutSession.parse(buildCheckoutSessionEvent(done.checkout).data.object));
    expect(await planPaidOrder(await db(), { checkout, facts, actor: "webhook" })).toMatchObject({ settled: { checkoutId: done.checkout.id } });
  });
});
