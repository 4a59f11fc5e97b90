import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
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
import { deliver } from "@/tests/factories/webhook";

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

/** Delivers `event` while the database refuses `trigger`'s write: a 500, and nothing at all written. */
async function expectFailedDeliveryWritesNothing(trigger: string, event: StripeEventPayload, world: World) {
  const before = await worldState(world.checkoutId, world.variantId, world.discountId);
  const removeFault = await failWritesAt(trigger);
  const failed = await deliver(event);
  await removeFault();
  expect(failed.status).toBe(500);
  expect(await worldState(world.checkoutId, world.variantId, world.discountId)).toEqual(before);
  return before;
}

type Fault = {
  /** The step of order creation that writes there. */
  step: string;
  trigger: string;
  /** How the event must differ from the quote for the step to write at all. */
  event?: SessionEventOptions;
};

/** The steps that make the pending order, on both paths. */
const PENDING_ORDER_FAULTS: Fault[] = [
  { step: "upsertCustomer", trigger: "BEFORE INSERT ON customers" },
  { step: "insertOrder", trigger: "BEFORE INSERT ON orders" },
  { step: "insertOrderItems", trigger: "BEFORE INSERT ON order_items" },
];

/** One fault per step of the paid path, each at the table (and statement) that step writes. */
const PAID_PATH_FAULTS: Fault[] = [
  ...PENDING_ORDER_FAULTS,
  { step: "takeReservedStock", trigger: "BEFORE INSERT ON inventory_adjustments" },
  { step: "takeReservedStock (decrement)", trigger: "BEFORE UPDATE OF stock ON product_variants" },
  { step: "takeReservedStock (release)", trigger: "BEFORE DELETE ON stock_reservations" },
  { step: "recordStockTaken", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'stock_updated'" },
  { step: "redeemDiscountCode", trigger: "BEFORE INSERT ON discount_redemptions" },
  { step: "redeemDiscountCode (use)", trigger: "BEFORE UPDATE OF uses ON discount_codes" },
  { step: "recordDiscountRedeemed", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'discount_applied'" },
  { step: "verifyPayment", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'payment_mismatch'", event: { amountTotal: 1 } },
  { step: "settleOrderStatus (event)", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'status_changed'" },
  { step: "deleteCart", trigger: "BEFORE DELETE ON carts" },
  { step: "queueOrderConfirmation", trigger: "BEFORE INSERT ON email_outbox" },
  { step: "queueOrderConfirmation (event)", trigger: "BEFORE INSERT ON order_events WHEN NEW.type = 'email_queued'" },
  { step: "transitionCheckoutStatus", trigger: "BEFORE UPDATE OF status ON checkouts" },
  { step: "recordWebhookEvent", trigger: "BEFORE INSERT ON webhook_events" },
];

/** The transaction settles a pending order it inserted a moment before; the one batch inserts it settled. */
const TRANSACTION_ONLY_FAULTS: Fault[] = [
  { step: "markOrderPaid", trigger: "BEFORE UPDATE OF payment_status ON orders" },
  { step: "settleOrderStatus", trigger: "BEFORE UPDATE OF status ON orders" },
];

/**
 * A new paid order is written in one batch (lib/orders/write-paid-order.ts) unless something is off
 * the common path; then, or when the batch fails, in a write transaction. The code with no use to
 * spare sends the same event down the transaction's path.
 */
const PATHS = [
  { path: "one write batch", usageLimit: 10, faults: PAID_PATH_FAULTS },
  { path: "a write transaction (the discount code's last use is gone)", usageLimit: 0, faults: [...PAID_PATH_FAULTS, ...TRANSACTION_ONLY_FAULTS] },
];

describe.each(PATHS)("order creation through $path under failure", ({ usageLimit, faults }) => {
  afterEach(() => vi.restoreAllMocks());

  it.each(faults)("a failure in $step leaves nothing written, and the retried event then succeeds", async ({ step, trigger, event: eventOptions }) => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const code = await createDiscountCode({ usageLimit });
    const variant = await createVariant({ stock: 4 });
    const checkout = await createCheckout({
      lines: [{ variant, quantity: 2 }],
      email: `fault-${step.replace(/\W+/g, "-").toLowerCase()}@example.com`,
      acceptsMarketing: true,
      discount: { id: code.id, code: code.code, percent: 10 },
    });
    const event = buildCheckoutSessionEvent(checkout, eventOptions);
    const before = await expectFailedDeliveryWritesNothing(trigger, event, { checkoutId: checkout.id, variantId: variant.variantId, discountId: code.id });

    const retried = await deliver(event);
    expect(retried.status).toBe(200);
    expect((await retried.json()).status).toBe("processed");
    const after = await worldState(checkout.id, variant.variantId, code.id);
    expect(after).toMatchObject({
      orders: before.orders + 1,
      webhookEvents: before.webhookEvents + 1,
      outbox: before.outbox + 1,
      redemptions: before.redemptions + 1,
      carts: 0,
      reservations: 0,
      checkoutStatus: "completed",
      stock: 2,
      discountUses: 1,
    });
  });
});

describe("order creation under failure", () => {
  afterEach(() => vi.restoreAllMocks());

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
