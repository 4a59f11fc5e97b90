import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { traceRoundTrips, writeTransaction, type Db } from "@/lib/db";
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
import { prepareOrderConfirmation, withPreparedOrderConfirmation } from "@/lib/email/order-confirmation-email";
import { paymentFactsFromSession, stripeCheckoutSession } from "@/lib/webhooks/stripe-objects";
import { createCheckout } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { buildCheckoutSessionEvent, type SessionEventOptions, type StripeEventPayload } from "@/tests/factories/stripe-event";
import { deliver } from "@/tests/factories/webhook";
import { db } from "@/lib/db";
import { adjustStock } from "@/lib/inventory/stock";
import { createPaidOrder } from "./create-order";
import { planPaidOrder, writePaidOrder } from "./write-paid-order";

/** Two yarns, a code with uses to spare, and its checkout: the same shop every time. */
async function newWorld(label: string, event: SessionEventOptions) {
  const code = await createDiscountCode({ usageLimit: 5, uses: 2 });
  const yarn = await createVariant({ price: 1800, stock: 6 });
  const mohair = await createVariant({ name: "Kid Mohair", variantName: "Fog", price: 2400, stock: 3 });
  const checkout = await createCheckout({
    lines: [
      { variant: yarn, quantity: 2 },
      { variant: mohair, quantity: 1 },
    ],
    email: `${label}@example.com`,
    acceptsMarketing: true,
    discount: { id: code.id, code: code.code, percent: 10 },
  });
  return { code, variants: [yarn, mohair], checkout, event: buildCheckoutSessionEvent(checkout, event) };
}

type World = Awaited<ReturnType<typeof newWorld>>;

/**
 * Every row the order touched, without what differs between two worlds by identity alone (ids,
 * times, the number, the secret link, the email, the code's text): what is left must be the same.
 */
async function whatWasWritten(world: World) {
  const snapshot = await withFreshClient(async (reader: Db) => {
    const [order] = await reader.select().from(orders).where(eq(orders.checkoutId, world.checkout.id));
    const variantIds = world.variants.map((variant) => variant.variantId);
    const variantIndex = (id: unknown) => variantIds.indexOf(Number(id));
    const [customer] = await reader.select().from(customers).where(eq(customers.id, order!.customerId!));
    const events = await reader.select().from(orderEvents).where(eq(orderEvents.orderId, order!.id)).orderBy(asc(orderEvents.id));
    const outbox = await reader.select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id));
    return {
      identity: [order!.orderNumber, order!.lookupToken, world.checkout.id, world.checkout.email!, world.code.code, order!.paymentSessionId!, order!.paymentIntentId!, ...world.variants.map((variant) => variant.sku)],
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
        const data = event.data as { moves?: { variantId: number }[]; outboxId?: number } | null;
        return {
          type: event.type,
          message: event.message,
          actor: event.actor,
          data: data && {
            ...data,
            ...(data.moves ? { moves: data.moves.map((move) => ({ ...move, variantId: variantIndex(move.variantId) })) } : {}),
            ...(data.outboxId ? { outboxId: data.outboxId === outbox[0]?.id } : {}),
          },
        };
      }),
      ledger: (await reader.select().from(inventoryAdjustments).where(inArray(inventoryAdjustments.variantId, variantIds)).orderBy(asc(inventoryAdjustments.id))).map(
        (row) => ({ ...row, id: 0, createdAt: "", variantId: variantIndex(row.variantId) }),
      ),
      stock: (await reader.select({ id: productVariants.id, stock: productVariants.stock }).from(productVariants).where(inArray(productVariants.id, variantIds))).map(
        (row) => [variantIndex(row.id), row.stock],
      ),
      code: (await reader.select({ uses: discountCodes.uses }).from(discountCodes).where(eq(discountCodes.id, world.code.id)))[0],
      redemptions: (await reader.select().from(discountRedemptions).where(eq(discountRedemptions.orderId, order!.id))).map((row) => ({
        ...row,
        id: 0,
        discountCodeId: row.discountCodeId === world.code.id,
        orderId: 0,
        createdAt: "",
      })),
      outbox: outbox.map((row) => ({
        ...row,
        id: 0,
        orderId: 0,
        idempotencyKey: row.idempotencyKey === `order_confirmation/${order!.id}`,
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
  return JSON.parse(text) as unknown;
}

/** The webhook as it runs: the common path goes through the one batch (counted, to be sure it did). */
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

/** What the webhook falls back to: order creation inside a write transaction, its email rendered first. */
async function throughATransaction(world: World) {
  const checkout = (await (await db()).select().from(checkouts).where(eq(checkouts.id, world.checkout.id)))[0]!;
  const facts = paymentFactsFromSession(stripeCheckoutSession.parse(world.event.data.object));
  await withPreparedOrderConfirmation(
    async () => prepareOrderConfirmation(await db(), { checkout, facts }),
    (confirmation) => writeTransaction((tx) => createPaidOrder(tx, { checkout, facts, confirmation })),
  );
}

describe("a paid order written in one batch is the order the write transaction writes", () => {
  it.each<{ name: string; event: SessionEventOptions }>([
    { name: "as quoted: processing", event: {} },
    { name: "paid the wrong amount to another country: on hold, with both reasons", event: { amountTotal: 999, address: { line1: "1 Rue", city: "Paris", postal_code: "75001", country: "FR" } } },
  ])("$name", async ({ event }) => {
    const batched = await newWorld("batch", event);
    await throughTheBatch(batched.event);
    const transacted = await newWorld("transaction", event);
    await throughATransaction(transacted);

    const [fromBatch, fromTransaction] = [await whatWasWritten(batched), await whatWasWritten(transacted)];
    expect(fromBatch).toEqual(fromTransaction);
    // Not vacuous: the order, its three kinds of rows and its email are there.
    expect(fromBatch).toMatchObject({ order: { paymentStatus: "paid" }, code: { uses: 3 }, holds: 0, carts: 0, checkout: { status: "completed" } });
    // Each variant's opening stock and the order's take.
    expect((fromBatch as { ledger: unknown[] }).ledger).toHaveLength(2 + 2);
    expect((fromBatch as { outbox: unknown[] }).outbox).toHaveLength(1);
  });
});

describe("the batch's guards: what the plan read and the batch relies on moved in between", () => {
  async function planned(world: World) {
    const checkout = (await (await db()).select().from(checkouts).where(eq(checkouts.id, world.checkout.id)))[0]!;
    const facts = paymentFactsFromSession(stripeCheckoutSession.parse(world.event.data.object));
    const plan = await planPaidOrder(await db(), { checkout, facts, actor: "webhook" });
    expect(plan).not.toBeNull();
    return plan!;
  }

  const nothingWritten = async (world: World) =>
    withFreshClient(async (reader) => ({
      orders: (await reader.select().from(orders).where(eq(orders.checkoutId, world.checkout.id))).length,
      stock: (await reader.select({ stock: productVariants.stock }).from(productVariants).where(inArray(productVariants.id, world.variants.map((v) => v.variantId)))).map(
        (row) => row.stock,
      ),
      uses: (await reader.select({ uses: discountCodes.uses }).from(discountCodes).where(eq(discountCodes.id, world.code.id)))[0]!.uses,
      holds: (await reader.select().from(stockReservations).where(eq(stockReservations.checkoutId, world.checkout.id))).length,
      checkout: (await reader.select({ status: checkouts.status }).from(checkouts).where(eq(checkouts.id, world.checkout.id)))[0]!.status,
    }));

  it("stock sold meanwhile (the owner counted less): refused whole, and the webhook then holds the order for the shortfall", async () => {
    const world = await newWorld("stock-moved", {});
    const plan = await planned(world);
    // Mohair: 3 in stock, 1 held by this checkout; the owner finds only 0 on the shelf.
    await writeTransaction((tx) => adjustStock(tx, { variantId: world.variants[1]!.variantId, delta: -3, reason: "cycle_count" }));
    const before = await nothingWritten(world);
    expect(await writePaidOrder(plan)).toBeNull();
    expect(await nothingWritten(world)).toEqual(before);

    expect((await deliver(world.event)).status).toBe(200);
    const [order] = await withFreshClient((reader) => reader.select().from(orders).where(eq(orders.checkoutId, world.checkout.id)));
    expect(order).toMatchObject({ status: "on_hold", flags: ["stock_shortfall"] });
  });

  it("the code's last use taken meanwhile: refused whole, and the webhook then records the overrun", async () => {
    const world = await newWorld("code-moved", {});
    const plan = await planned(world);
    await withFreshClient((writer) => writer.update(discountCodes).set({ uses: 5 }).where(eq(discountCodes.id, world.code.id)));
    const before = await nothingWritten(world);
    expect(await writePaidOrder(plan)).toBeNull();
    expect(await nothingWritten(world)).toEqual(before);

    expect((await deliver(world.event)).status).toBe(200);
    const [order] = await withFreshClient((reader) => reader.select().from(orders).where(eq(orders.checkoutId, world.checkout.id)));
    expect(order!.flags).toEqual(["discount_limit_exceeded"]);
  });

  it("the code renamed meanwhile: refused, so no event names a code the row no longer has", async () => {
    const world = await newWorld("code-renamed", {});
    const plan = await planned(world);
    await withFreshClient((writer) => writer.update(discountCodes).set({ code: `${world.code.code}X` }).where(eq(discountCodes.id, world.code.id)));
    expect(await writePaidOrder(plan)).toBeNull();
    expect((await nothingWritten(world)).orders).toBe(0);
  });

  it("two deliveries planned at once: the first writes the order, the second is refused and writes nothing", async () => {
    const world = await newWorld("twice", {});
    const [first, second] = [await planned(world), await planned(world)];
    expect(await writePaidOrder(first)).toMatchObject({ orderNumber: expect.stringMatching(/^HD-\d+$/) });
    const after = await nothingWritten(world);
    expect(await writePaidOrder(second)).toBeNull();
    expect(await nothingWritten(world)).toEqual(after);
    expect(after).toMatchObject({ orders: 1, uses: 3, holds: 0, checkout: "completed" });
  });

  it("a checkout off the common path is not planned: its order exists, or its stock or code would fall short", async () => {
    const short = await newWorld("short", {});
    await writeTransaction((tx) => adjustStock(tx, { variantId: short.variants[0]!.variantId, delta: -5, reason: "damaged" }));
    const checkout = (await (await db()).select().from(checkouts).where(eq(checkouts.id, short.checkout.id)))[0]!;
    const facts = paymentFactsFromSession(stripeCheckoutSession.parse(short.event.data.object));
    expect(await planPaidOrder(await db(), { checkout, facts, actor: "webhook" })).toBeNull();

    const done = await newWorld("done", {});
    await deliver(done.event);
    const doneCheckout = (await (await db()).select().from(checkouts).where(eq(checkouts.id, done.checkout.id)))[0]!;
    expect(await planPaidOrder(await db(), { checkout: doneCheckout, facts: paymentFactsFromSession(stripeCheckoutSession.parse(done.event.data.object)), actor: "webhook" })).toBeNull();
  });
});
