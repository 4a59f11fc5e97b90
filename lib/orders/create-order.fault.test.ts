import { eq } from "drizzle-orm";
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
import { buildCheckoutSessionEvent } from "@/lib/webhooks/build-stripe-event";
import { webhookSteps } from "@/lib/webhooks/handle-stripe-event";
import { countRows, createCheckout, createDiscountCode, createVariant, deliver, withFreshDb } from "@/tests/factories/orders";
import { orderSteps } from "./order-steps";

type StepName = keyof typeof orderSteps;

/** Everything order creation can touch, read through a fresh client. */
async function worldState(checkoutId: string, variantId: number, discountId: number) {
  return withFreshDb(async (db) => {
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

const PAID_PATH_STEPS: StepName[] = [
  "upsertCustomer",
  "insertOrder",
  "insertOrderItems",
  "markPaid",
  "convertReservation",
  "redeemDiscount",
  "verifyPayment",
  "settleStatus",
  "deleteCart",
  "queueConfirmation",
  "completeCheckout",
];

describe("order creation under failure", () => {
  afterEach(() => vi.restoreAllMocks());

  it("covers every step of the paid path", () => {
    const unpaidOnly: StepName[] = ["holdStockForAsyncPayment"];
    expect([...PAID_PATH_STEPS, ...unpaidOnly].sort()).toEqual(Object.keys(orderSteps).sort());
  });

  it.each(PAID_PATH_STEPS)("a failure in %s leaves nothing written, and the retried event then succeeds", async (step) => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const code = await createDiscountCode({ usageLimit: 10 });
    const variant = await createVariant({ stock: 4 });
    const checkout = await createCheckout({
      lines: [{ variant, quantity: 2 }],
      email: `fault-${step.toLowerCase()}@example.com`,
      acceptsMarketing: true,
      discount: { id: code.id, code: code.code, percent: 10 },
    });
    const before = await worldState(checkout.id, variant.variantId, code.id);
    const event = buildCheckoutSessionEvent(checkout);

    const spy = vi.spyOn(orderSteps, step).mockRejectedValueOnce(new Error(`injected failure in ${step}`));
    const failed = await deliver(event);
    expect(failed.status).toBe(500);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await worldState(checkout.id, variant.variantId, code.id)).toEqual(before);

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

  it("a failure while recording the event id rolls back the whole order", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const code = await createDiscountCode();
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const before = await worldState(checkout.id, variant.variantId, code.id);
    const event = buildCheckoutSessionEvent(checkout);

    vi.spyOn(webhookSteps, "recordWebhookEvent").mockRejectedValueOnce(new Error("injected failure recording the event"));
    expect((await deliver(event)).status).toBe(500);
    expect(await worldState(checkout.id, variant.variantId, code.id)).toEqual(before);

    expect((await deliver(event)).status).toBe(200);
    expect(await worldState(checkout.id, variant.variantId, code.id)).toMatchObject({ orders: before.orders + 1, stock: 2 });
  });

  it.each(["upsertCustomer", "insertOrder", "insertOrderItems", "holdStockForAsyncPayment"] as const)(
    "a delayed payment's pending order: a failure in %s leaves nothing written, and the retry succeeds",
    async (step) => {
      vi.spyOn(console, "error").mockImplementation(() => undefined);
      const code = await createDiscountCode();
      const variant = await createVariant({ stock: 3 });
      const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }], email: `pending-${step.toLowerCase()}@example.com` });
      const before = await worldState(checkout.id, variant.variantId, code.id);
      const event = buildCheckoutSessionEvent(checkout, { paymentStatus: "unpaid" });

      vi.spyOn(orderSteps, step).mockRejectedValueOnce(new Error(`injected failure in ${step}`));
      expect((await deliver(event)).status).toBe(500);
      expect(await worldState(checkout.id, variant.variantId, code.id)).toEqual(before);

      expect((await deliver(event)).status).toBe(200);
      expect(await worldState(checkout.id, variant.variantId, code.id)).toMatchObject({
        orders: before.orders + 1,
        reservations: 1,
        checkoutStatus: "completed",
        stock: 3,
      });
    },
  );

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
    // Fail after the first line's decrement and ledger row were written, inside the same step.
    const realConvert = orderSteps.convertReservation;
    vi.spyOn(orderSteps, "convertReservation").mockImplementationOnce(async (tx, order, chk, actor) => {
      await realConvert(tx, order, { ...chk, lines: chk.lines.slice(0, 1) }, actor);
      throw new Error("injected failure after a partial decrement");
    });
    expect((await deliver(event)).status).toBe(500);
    const state = await worldState(checkout.id, first.variantId, code.id);
    expect(state.stock).toBe(5);
    expect(state.reservations).toBe(2);
    expect((await deliver(event)).status).toBe(200);
    expect((await worldState(checkout.id, first.variantId, code.id)).stock).toBe(4);
    expect((await worldState(checkout.id, second.variantId, code.id)).stock).toBe(4);
  });
});
