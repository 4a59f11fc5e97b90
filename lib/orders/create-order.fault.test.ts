import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { traceRoundTrips } from "@/lib/db";
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
  webhookEvents,
} from "@/lib/db/schema";
import { buildCheckoutSessionEvent, type SessionEventOptions, type StripeEventPayload } from "@/tests/factories/stripe-event";
import { countRows, withFreshClient } from "@/tests/factories/fresh-client";
import { createCheckout } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant } from "@/tests/factories/product";
import { deliver, deliverUnderLock } from "@/tests/factories/webhook";

/** Everything order creation can touch, read through a fresh client. */
async function worldState(checkoutId: string, variantId: number, discountId: number) {
  return withFreshClient(async (db) => {
    const [checkout] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
    const [variant] = await db.select().from(productVariants).where(eq(productVariants.id, variantId));
    const [code] = await db.select().from(discountCodes).where(eq(discountCodes.id, discountId));
    return {
      orders: await countRows(db, orders),
      orderItems: await countRows(db, orderItems),
      orderEvents: await countRows(db, orderEvents),
      redemptions: await countRows(db, discountRedemptions),
      customers: await countRows(db, customers),
      outbox: await countRows(db, emailOutbox),
      webhookEvents: await countRows(db, webhookEvents),
      ledger: await countRows(db, inventoryAdjustments),
      carts: (await db.select().from(carts).where(eq(carts.id, checkout!.cartId))).length,
      reservations: (await db.select().from(stockReservations).where(eq(stockReservations.checkoutId, checkoutId))).length,
      checkoutStatus: checkout!.status,
      stock: variant!.stock,
      discountUses: code!.uses,
    };
  });
}

/**
 * Makes the database itself refuse one write, from another connection, as a full disk or a broken
 * constraint would: `BEFORE <event> ON <table> [WHEN …]` raises inside whatever statement the step
 * runs. Returns the function that removes it again.
 */
async function failWritesAt(trigger: string): Promise<() => Promise<void>> {
  const name = `inject_${Math.random().toString(36).slice(2, 10)}`;
  await withFreshClient((db) => db.run(sql.raw(`CREATE TRIGGER ${name} ${trigger} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)));
  return async () => {
    await withFreshClient((db) => db.run(sql.raw(`DROP TRIGGER ${name}`)));
  };
}

type World = { checkoutId: string; variantId: number; discountId: number };

type Delivery = (event: StripeEventPayload) => Promise<Response>;

/** Delivers `event` while the database refuses `trigger`'s write: a 500, and nothing at all written. */
async function expectFailedDeliveryWritesNothing(trigger: string, event: StripeEventPayload, world: World, send: Delivery = deliver) {
  const before = await worldState(world.checkoutId, world.variantId, world.discountId);
  const removeFault = await failWritesAt(trigger);
  const failed = await send(event);
  await removeFault();
  expect(failed.status).toBe(500);
  expect(await worldState(world.checkoutId, world.variantId, world.discountId)).toEqual(before);
  return before;
}

type Fault = {
  /** The write of order creation that fails. */
  step: string;
  trigger: string;
  /** How the event must differ from the quote for the step to write at all. */
  event?: SessionEventOptions;
};

/** The writes that make the order, on both paths (a paid order's, or a delayed payment's pending one). */
const PENDING_ORDER_FAULTS: Fault[] = [
  { step: "customer upsert", trigger: "BEFORE INSERT ON customers" },
  { step: "order insert", trigger: "BEFORE INSERT ON orders" },
  { step: "order items", trigger: "BEFORE INSERT ON order_items" },
];

/** The writes of a payment settling, each at the table (and statement) it writes. */
const SETTLEMENT_FAULTS: Fault[] = [
  { step: "stock ledger", trigger: "BEFORE INSERT ON inventory_adjustments" },
  { step: "stock decrement", trigger: "BEFORE UPDATE OF stock ON product_variants" },
  { step: "hold release", trigger: "BEFORE DELETE ON stock_reservations" },
  { step: "stock_updated event", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'stock_updated'" },
  { step: "discount redemption", trigger: "BEFORE INSERT ON discount_redemptions" },
  { step: "discount use", trigger: "BEFORE UPDATE OF uses ON discount_codes" },
  { step: "discount_applied event", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'discount_applied'" },
  { step: "payment_mismatch event", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'payment_mismatch'", event: { amountTotal: 1 } },
  { step: "status_changed event", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'status_changed'" },
  { step: "cart deletion", trigger: "BEFORE DELETE ON carts" },
  { step: "confirmation email", trigger: "BEFORE INSERT ON email_outbox" },
  { step: "email_queued event", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'email_queued'" },
  { step: "checkout completion", trigger: "BEFORE UPDATE OF status ON checkouts" },
  { step: "webhook event record", trigger: "BEFORE INSERT ON webhook_events" },
];

/** A pending order's settlement updates the order row it inserted when the payment was still pending. */
const PENDING_SETTLEMENT_FAULTS: Fault[] = [
  { step: "order paid", trigger: "BEFORE UPDATE OF payment_status ON orders" },
  { step: "order status", trigger: "BEFORE UPDATE OF status ON orders" },
  ...SETTLEMENT_FAULTS.filter((fault) => fault.step !== "webhook event record"),
  { step: "webhook event record", trigger: "BEFORE INSERT ON webhook_events WHEN NEW.type = 'checkout.session.async_payment_succeeded'" },
];

/**
 * A payment's order is written in one batch (lib/orders/write-paid-order.ts); when a named guard
 * refuses it, by the locked path with the same statements. A fault is not a guard: on either path
 * it is a 500 with nothing written. The locked path is driven directly here (deliverUnderLock).
 */
const PATHS: { path: string; send: Delivery }[] = [
  { path: "one write batch", send: deliver },
  { path: "the locked path", send: deliverUnderLock },
];

async function faultWorld(label: string, usageLimit: number | null = 10) {
  const code = await createDiscountCode({ usageLimit });
  const variant = await createVariant({ stock: 4 });
  const checkout = await createCheckout({
    lines: [{ variant, quantity: 2 }],
    email: `fault-${label.replace(/\W+/g, "-").toLowerCase()}@example.com`,
    acceptsMarketing: true,
    discount: { id: code.id, code: code.code, percent: 10 },
  });
  return { code, variant, checkout, world: { checkoutId: checkout.id, variantId: variant.variantId, discountId: code.id } };
}

/** `isHeld`: the payment puts the order on hold, which also queues the owner's alert. */
const settledState = (before: Awaited<ReturnType<typeof worldState>>, isHeld = false) => ({
  orders: before.orders + 1,
  webhookEvents: before.webhookEvents + 1,
  outbox: before.outbox + (isHeld ? 2 : 1),
  redemptions: before.redemptions + 1,
  carts: 0,
  reservations: 0,
  checkoutStatus: "completed",
  stock: 2,
  discountUses: 1,
});

describe.each(PATHS)("order creation through $path under failure", ({ send }) => {
  afterEach(() => vi.restoreAllMocks());

  it.each([...PENDING_ORDER_FAULTS, ...SETTLEMENT_FAULTS])("a failure in the $step leaves nothing written, and the retried event then succeeds", async ({ step, trigger, event: eventOptions }) => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { checkout, world } = await faultWorld(step);
    const event = buildCheckoutSessionEvent(checkout, eventOptions);
    const before = await expectFailedDeliveryWritesNothing(trigger, event, world, send);

    const retried = await send(event);
    expect(retried.status).toBe(200);
    expect((await retried.json()).status).toBe("processed");
    expect(await worldState(checkout.id, world.variantId, world.discountId)).toMatchObject(settledState(before, eventOptions?.amountTotal !== undefined));
  });

  it.each(PENDING_SETTLEMENT_FAULTS)("a delayed payment settling: a failure in the $step leaves the pending order as it was, and the retry settles it", async ({ step, trigger, event: eventOptions }) => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { checkout, world } = await faultWorld(`settle-${step}`);
    const start = await worldState(checkout.id, world.variantId, world.discountId);
    expect((await deliver(buildCheckoutSessionEvent(checkout, { paymentStatus: "unpaid" }))).status).toBe(200);
    const event = buildCheckoutSessionEvent(checkout, { ...eventOptions, type: "checkout.session.async_payment_succeeded" });
    await expectFailedDeliveryWritesNothing(trigger, event, world, send);

    const retried = await send(event);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ status: "processed", note: "Pending order paid." });
    expect(await worldState(checkout.id, world.variantId, world.discountId)).toMatchObject({ ...settledState(start, eventOptions?.amountTotal !== undefined), webhookEvents: start.webhookEvents + 2 });
  });
});

describe("order creation under failure", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a fault in the batch is a 500 at once: it is not taken for a guard and redone under the lock", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const variant = await createVariant({ stock: 4 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    let underLock = 0;
    const removeFault = await failWritesAt("BEFORE INSERT ON order_items");
    const stop = traceRoundTrips((trip) => (underLock += trip.isUnderWriteLock ? 1 : 0));
    const failed = await deliver(buildCheckoutSessionEvent(checkout)).finally(stop);
    await removeFault();
    // Before named guards, any constraint error (a trigger's RAISE included) sent the event to the
    // write transaction, which failed the same way: 14 round trips under the lock for one fault.
    expect({ status: failed.status, underLock }).toEqual({ status: 500, underLock: 1 });
  });

  it.each([
    ...PENDING_ORDER_FAULTS,
    { step: "extendReservations", trigger: "BEFORE UPDATE ON stock_reservations" },
    { step: "transitionCheckoutStatus", trigger: "BEFORE UPDATE OF status ON checkouts" },
    { step: "payment_pending event", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'payment_pending'" },
  ])("a delayed payment's pending order: a failure in $step leaves nothing written, and the retry succeeds", async ({ step, trigger }) => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const code = await createDiscountCode();
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }], email: `pending-${step.replace(/\W+/g, "-").toLowerCase()}@example.com` });
    const event = buildCheckoutSessionEvent(checkout, { paymentStatus: "unpaid" });
    const before = await expectFailedDeliveryWritesNothing(trigger, event, { checkoutId: checkout.id, variantId: variant.variantId, discountId: code.id });

    expect((await deliver(event)).status).toBe(200);
    expect(await worldState(checkout.id, variant.variantId, code.id)).toMatchObject({
      orders: before.orders + 1,
      reservations: 1,
      checkoutStatus: "completed",
      stock: 3,
    });
  });

  it("a database error while re-holding a lapsed reservation aborts the event; it is not taken for a stock refusal", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const code = await createDiscountCode();
    const variant = await createVariant({ stock: 3 });
    // The cleanup cron already removed the hold: the pending order must reserve again.
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }], reserve: false });
    const event = buildCheckoutSessionEvent(checkout, { paymentStatus: "unpaid" });
    const world = { checkoutId: checkout.id, variantId: variant.variantId, discountId: code.id };
    const before = await expectFailedDeliveryWritesNothing("BEFORE INSERT ON stock_reservations", event, world);

    expect((await deliver(event)).status).toBe(200);
    const after = await worldState(checkout.id, variant.variantId, code.id);
    expect(after).toMatchObject({ orders: before.orders + 1, reservations: 1, checkoutStatus: "completed", stock: 3 });
    const pending = await withFreshClient((db) => db.select().from(orderEvents).where(eq(orderEvents.type, "payment_pending")));
    expect(pending.at(-1)?.message).toBe("Awaiting the payment result; stock is held for this order.");
  });

  it("a failure mid-way through a stock decrement of several lines takes none of them", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const code = await createDiscountCode();
    const first = await createVariant({ stock: 5 });
    const second = await createVariant({ stock: 5 });
    const checkout = await createCheckout({
      lines: [
        { variant: first, quantity: 1 },
        { variant: second, quantity: 1 },
      ],
    });
    const event = buildCheckoutSessionEvent(checkout);
    // The first line's decrement and ledger row are written before the second line's ledger row fails.
    const removeFault = await failWritesAt(`BEFORE INSERT ON inventory_adjustments WHEN NEW.variant_id = ${second.variantId}`);
    const failed = await deliver(event);
    await removeFault();
    expect(failed.status).toBe(500);
    const state = await worldState(checkout.id, first.variantId, code.id);
    expect(state.stock).toBe(5);
    expect(state.reservations).toBe(2);
    expect((await deliver(event)).status).toBe(200);
    expect((await worldState(checkout.id, first.variantId, code.id)).stock).toBe(4);
    expect((await worldState(checkout.id, second.variantId, code.id)).stock).toBe(4);
  });
});
