import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
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
import { decrementStock } from "@/lib/inventory/stock";
import { saveSettings } from "@/lib/settings";
import { isoAfter } from "@/lib/time";
import { env } from "@/lib/env";
import { signWebhookPayload } from "@/lib/payments/local/sign-webhook-payload";
import { buildChargeRefundedEvent, buildCheckoutSessionEvent, signStripeEvent } from "@/tests/factories/stripe-event";
import { countRows, withFreshClient } from "@/tests/factories/fresh-client";
import { createCheckout } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant } from "@/tests/factories/product";
import { deliver } from "@/tests/factories/webhook";
import { POST } from "./route";
import { NextRequest } from "next/server";

async function snapshot(checkoutId: string, variantIds: number[]) {
  return withFreshClient(async (db) => {
    const orderRows = await db.select().from(orders).where(eq(orders.checkoutId, checkoutId));
    const order = orderRows[0] ?? null;
    const stock = await db.select({ id: productVariants.id, stock: productVariants.stock }).from(productVariants);
    const ledger = await db.select().from(inventoryAdjustments).where(eq(inventoryAdjustments.reason, "order"));
    return {
      orderCount: orderRows.length,
      order,
      items: order ? await db.select().from(orderItems).where(eq(orderItems.orderId, order.id)) : [],
      events: order ? (await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(orderEvents.id)).map((e) => e.type) : [],
      eventRows: order ? await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(orderEvents.id) : [],
      stock: Object.fromEntries(stock.filter((row) => variantIds.includes(row.id)).map((row) => [row.id, row.stock])),
      orderLedger: ledger.filter((row) => variantIds.includes(row.variantId)),
      reservations: await db.select().from(stockReservations).where(eq(stockReservations.checkoutId, checkoutId)),
      checkout: (await db.select().from(checkouts).where(eq(checkouts.id, checkoutId)))[0]!,
      outbox: order ? await db.select().from(emailOutbox).where(eq(emailOutbox.orderId, order.id)) : [],
    };
  });
}

describe("POST /api/webhooks/stripe – signatures", () => {
  it("refuses an event with a wrong signature and writes nothing", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const response = await deliver(buildCheckoutSessionEvent(checkout), { secret: "whsec_not_ours" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("bad_request");
    await withFreshClient(async (db) => {
      expect(await countRows(db, webhookEvents)).toBe(0);
      expect(await countRows(db, orders)).toBe(0);
    });
  });

  it("refuses a correctly signed event replayed outside the five-minute tolerance", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const response = await deliver(buildCheckoutSessionEvent(checkout), { timestamp: tenMinutesAgo });
    expect(response.status).toBe(400);
    await withFreshClient(async (db) => expect(await countRows(db, orders)).toBe(0));
  });

  it("refuses a correctly signed event dated beyond a minute in the future", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const anHourAhead = Math.floor(Date.now() / 1000) + 3600;
    const response = await deliver(buildCheckoutSessionEvent(checkout), { timestamp: anHourAhead });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/future/);
    const futureEvent = { ...buildCheckoutSessionEvent(checkout), created: anHourAhead };
    expect((await deliver(futureEvent)).status).toBe(400);
    await withFreshClient(async (db) => expect(await countRows(db, orders)).toBe(0));
  });

  it("refuses a body changed after signing, and a request with no signature", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const { body, headers } = signStripeEvent(buildCheckoutSessionEvent(checkout));
    const tampered = body.replace(/"amount_total":\d+/, '"amount_total":1');
    const post = (text: string, sent: Record<string, string>) =>
      POST(new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body: text, headers: sent }), { params: Promise.resolve({}) });
    expect((await post(tampered, headers)).status).toBe(400);
    expect((await post(body, { "content-type": "application/json" })).status).toBe(400);
    await withFreshClient(async (db) => expect(await countRows(db, webhookEvents)).toBe(0));
  });

  it("acknowledges event types the store does not use and records them as ignored", async () => {
    const event = { ...buildChargeRefundedEvent({ paymentIntentId: "pi_x", amount: 100, amountRefunded: 0 }), type: "customer.created" };
    const response = await deliver(event);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, status: "ignored" });
    await withFreshClient(async (db) => {
      const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, event.id));
      expect(row).toMatchObject({ type: "customer.created", status: "ignored" });
    });
  });

  it("acknowledges a session that belongs to no checkout of ours without creating anything", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const event = buildCheckoutSessionEvent({ ...checkout, id: "chk_someone_else", paymentSessionId: "cs_other" });
    const response = await deliver(event);
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe("ignored");
    await withFreshClient(async (db) => expect(await countRows(db, orders)).toBe(0));
  });
});

describe("POST /api/webhooks/stripe – the signature header's shape", () => {
  const secret = () => env().STRIPE_WEBHOOK_SECRET!;
  /** Stripe's v1 for any signed prefix, computed independently of the code under test. */
  const v1 = (prefix: string, body: string) => createHmac("sha256", secret()).update(`${prefix}.${body}`, "utf8").digest("hex");
  const post = (body: string, signature: string) =>
    POST(
      new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body, headers: { "content-type": "application/json", "stripe-signature": signature } }),
      { params: Promise.resolve({}) },
    );
  /** An event the store ignores: accepted means 200 and a webhook_events row. */
  const eventBody = (created = Math.floor(Date.now() / 1000)) =>
    JSON.stringify({ ...buildChargeRefundedEvent({ paymentIntentId: "pi_x", amount: 100, amountRefunded: 0 }), type: "customer.created", created });

  it("accepts the header the SDK's signer writes, alongside a v0 entry and a second v1 (a secret being rolled)", async () => {
    const body = eventBody();
    const now = Math.floor(Date.now() / 1000);
    expect((await post(body, signWebhookPayload(body, secret()))).status).toBe(200);
    const other = eventBody();
    const response = await post(other, `t=${now},v0=${"0".repeat(64)},v1=${"a".repeat(64)},v1=${v1(String(now), other)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, status: "ignored" });
  });

  it("refuses every header that is not exactly one t of digits with well-formed v1 entries, as 400 JSON, writing nothing", async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = now + 3600;
    const body = eventBody();
    const dayOld = eventBody(now - 86_400);
    const variants: [string, string, string][] = [
      // The SDK verifies the last t, the old future check read the first.
      ["two timestamps, the signed one in the future", body, `t=${now},t=${future},v1=${v1(String(future), body)}`],
      ["two timestamps, both now", body, `t=${now},t=${now},v1=${v1(String(now), body)}`],
      // parseInt forgives a space or a plus; a signature over the number it yields used to pass.
      ["a space before the timestamp", body, `t= ${future},v1=${v1(String(future), body)}`],
      ["a plus sign before the timestamp", body, `t=+${future},v1=${v1(String(future), body)}`],
      ["trailing letters after the timestamp", body, `t=${now}abc,v1=${v1(String(now), body)}`],
      // t=abc: the SDK signs over "NaN.<body>", and NaN is never "outside the tolerance".
      ["a timestamp that is not a number, on a day-old event", dayOld, `t=abc,v1=${v1("NaN", dayOld)}`],
      ["a timestamp with a leading zero", body, `t=0${now},v1=${v1(`0${now}`, body)}`],
      ["a decimal timestamp", body, `t=${now}.5,v1=${v1(`${now}.5`, body)}`],
      ["no timestamp", body, `v1=${v1(String(now), body)}`],
      ["a valid v1 beside a malformed one", body, `t=${now},v1=xyz,v1=${v1(String(now), body)}`],
      ["an upper-case v1", body, `t=${now},v1=${v1(String(now), body).toUpperCase()}`],
      ["only a v0 signature", body, `t=${now},v0=${v1(String(now), body)}`],
      ["an entry without a key", body, `t=${now},=x,v1=${v1(String(now), body)}`],
      ["spaces after the commas", body, `t=${now}, v1=${v1(String(now), body)}`],
      ["a timestamp six minutes old", body, `t=${now - 360},v1=${v1(String(now - 360), body)}`],
    ];
    const before = await withFreshClient((db) => countRows(db, webhookEvents));
    for (const [name, sent, signature] of variants) {
      const response = await post(sent, signature);
      expect(response.status, name).toBe(400);
      expect(response.headers.get("content-type"), name).toMatch(/^application\/json/);
      expect((await response.json()).error.code, name).toBe("bad_request");
    }
    expect(await withFreshClient((db) => countRows(db, webhookEvents))).toBe(before);
  });
});

describe("POST /api/webhooks/stripe – a paid checkout", () => {
  it("becomes one order with its items, stock taken with ledger rows, events, customer, email, and the cart and hold gone", async () => {
    const wool = await createVariant({ stock: 5, price: 1800 });
    const mohair = await createVariant({ stock: 2, price: 2400, name: "Kid Mohair Lace" });
    const checkout = await createCheckout({
      lines: [
        { variant: wool, quantity: 2 },
        { variant: mohair, quantity: 1 },
      ],
      email: "Ada@Example.com",
      acceptsMarketing: true,
    });
    const event = buildCheckoutSessionEvent(checkout);
    const response = await deliver(event);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ received: true, status: "processed", orderNumber: "HD-1001" });

    const state = await snapshot(checkout.id, [wool.variantId, mohair.variantId]);
    expect(state.orderCount).toBe(1);
    expect(state.order).toMatchObject({
      orderNumber: "HD-1001",
      orderSeq: 1001,
      status: "processing",
      paymentStatus: "paid",
      email: "ada@example.com",
      subtotal: 6000,
      shippingTotal: 395,
      discountTotal: 0,
      total: 6395,
      currency: "GBP",
      shippingMethod: "Royal Mail Tracked 48",
      shippingCountry: "GB",
      paymentSessionId: checkout.paymentSessionId,
      flags: [],
    });
    expect(state.order!.paidAt).not.toBeNull();
    expect(state.order!.shippingAddress).toMatchObject({ name: "Ada Lovelace", line1: "1 Mill Lane", postalCode: "HX7 8AB", country: "GB" });
    expect(state.order!.lookupToken.length).toBeGreaterThanOrEqual(32);
    expect(state.items.map((item) => [item.sku, item.quantity, item.lineTotal])).toEqual([
      [wool.sku, 2, 3600],
      [mohair.sku, 1, 2400],
    ]);
    expect(state.stock).toEqual({ [wool.variantId]: 3, [mohair.variantId]: 1 });
    expect(state.orderLedger.map((row) => [row.variantId, row.delta, row.stockBefore, row.stockAfter, row.reference])).toEqual([
      [wool.variantId, -2, 5, 3, "HD-1001"],
      [mohair.variantId, -1, 2, 1, "HD-1001"],
    ]);
    expect(state.events).toEqual(["created", "paid", "stock_updated", "status_changed", "email_queued"]);
    expect(state.reservations).toHaveLength(0);
    expect(state.checkout.status).toBe("completed");
    expect(state.outbox).toHaveLength(1);
    expect(state.outbox[0]).toMatchObject({ kind: "order_confirmation", toAddress: "ada@example.com", status: "pending", idempotencyKey: `order_confirmation/${state.order!.id}` });
    expect(state.outbox[0]!.html).toContain("HD-1001");
    expect(state.outbox[0]!.html).toContain(`token=${state.order!.lookupToken}`);
    expect(state.outbox[0]!.text).toContain("Total paid");

    await withFreshClient(async (db) => {
      expect(await db.select().from(carts).where(eq(carts.id, checkout.cartId))).toHaveLength(0);
      const [customer] = await db.select().from(customers).where(eq(customers.email, "ada@example.com"));
      expect(customer).toMatchObject({ name: "Ada Lovelace", acceptsMarketing: true });
      expect(customer!.marketingConsentAt).not.toBeNull();
      expect(state.order!.customerId).toBe(customer!.id);
      const [record] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, event.id));
      expect(record).toMatchObject({ status: "processed", checkoutId: checkout.id, orderId: state.order!.id });
      // The ledger still sums to the stock.
      const ledger = await db.select().from(inventoryAdjustments).where(eq(inventoryAdjustments.variantId, wool.variantId));
      expect(ledger.reduce((sum, row) => sum + row.delta, 0)).toBe(3);
    });
  });

  it("numbers orders from the settings prefix and continues the sequence", async () => {
    await writeTransaction((tx) => saveSettings(tx, { orderNumberPrefix: "YN-", orderNumberStart: 5000 }));
    const variant = await createVariant({ stock: 10 });
    const numbers: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
      numbers.push((await (await deliver(buildCheckoutSessionEvent(checkout))).json()).orderNumber);
    }
    // This file's first order was HD-1001; the start only applies to a shop without orders.
    expect(numbers).toEqual(["YN-1002", "YN-1003", "YN-1004"]);
    await writeTransaction((tx) => saveSettings(tx, { orderNumberPrefix: "HD-", orderNumberStart: 1001 }));
  });

  it("takes the address from the older top-level shipping_details too", async () => {
    const variant = await createVariant({ stock: 2 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const event = buildCheckoutSessionEvent(checkout, {
      useLegacyShippingDetails: true,
      address: { line1: "9 Weaver Row", city: "Kendal", postal_code: "LA9 4AA", country: "GB" },
    });
    expect((await deliver(event)).status).toBe(200);
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order!.shippingAddress).toMatchObject({ line1: "9 Weaver Row", city: "Kendal" });
  });

  it("keeps a customer's earlier marketing consent when a later checkout leaves the box unticked", async () => {
    const variant = await createVariant({ stock: 5 });
    const first = await createCheckout({ lines: [{ variant, quantity: 1 }], email: "grace@example.com", acceptsMarketing: true });
    await deliver(buildCheckoutSessionEvent(first));
    const second = await createCheckout({ lines: [{ variant, quantity: 1 }], email: "GRACE@example.com", acceptsMarketing: false });
    await deliver(buildCheckoutSessionEvent(second));
    await withFreshClient(async (db) => {
      const rows = await db.select().from(customers).where(eq(customers.email, "grace@example.com"));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.acceptsMarketing).toBe(true);
      const orderRows = await db.select().from(orders).where(eq(orders.customerId, rows[0]!.id));
      expect(orderRows).toHaveLength(2);
    });
  });
});

describe("POST /api/webhooks/stripe – duplicates", () => {
  it("a second delivery of the same event creates no second order and takes stock once", async () => {
    const variant = await createVariant({ stock: 4 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 2 }] });
    const event = buildCheckoutSessionEvent(checkout);
    const first = await deliver(event);
    const second = await deliver(event);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect((await second.json()).status).toBe("duplicate");
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.orderCount).toBe(1);
    expect(state.stock[variant.variantId]).toBe(2);
    expect(state.orderLedger).toHaveLength(1);
    expect(state.outbox).toHaveLength(1);
  });

  it("ten concurrent copies of one event make one order and one stock decrement", async () => {
    const variant = await createVariant({ stock: 6 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 3 }] });
    const event = buildCheckoutSessionEvent(checkout);
    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const statuses = await Promise.all(responses.map(async (response) => (await response.json()).status));
    expect(statuses.filter((status) => status === "processed")).toHaveLength(1);
    expect(statuses.filter((status) => status === "duplicate")).toHaveLength(9);
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.orderCount).toBe(1);
    expect(state.stock[variant.variantId]).toBe(3);
    expect(state.orderLedger).toHaveLength(1);
    expect(state.events.filter((type) => type === "paid")).toHaveLength(1);
  });

  it("different events for the same paid checkout (completed, then async succeeded) still make one order", async () => {
    const variant = await createVariant({ stock: 6 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    await Promise.all([
      deliver(buildCheckoutSessionEvent(checkout)),
      deliver(buildCheckoutSessionEvent(checkout)),
      deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.async_payment_succeeded" })),
    ]);
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.orderCount).toBe(1);
    expect(state.stock[variant.variantId]).toBe(5);
    expect(state.orderLedger).toHaveLength(1);
  });
});

describe("POST /api/webhooks/stripe – events out of order", () => {
  it("expired then completed: the paid session still becomes an order, with stock re-checked", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 2 }] });
    await deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.expired" }));
    let state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.checkout.status).toBe("expired");
    expect(state.reservations).toHaveLength(0);

    await deliver(buildCheckoutSessionEvent(checkout));
    state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "processing", paymentStatus: "paid" });
    expect(state.checkout.status).toBe("completed");
    expect(state.stock[variant.variantId]).toBe(1);
  });

  it("completed then expired: the order and the completed checkout stay as they are", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    await deliver(buildCheckoutSessionEvent(checkout));
    const response = await deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.expired" }));
    expect(response.status).toBe(200);
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "processing", paymentStatus: "paid" });
    expect(state.checkout.status).toBe("completed");
    expect(state.stock[variant.variantId]).toBe(2);
  });

  it("completed unpaid keeps stock held for the delayed payment; async success then takes it", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 2 }] });
    const completed = await deliver(buildCheckoutSessionEvent(checkout, { paymentStatus: "unpaid" }));
    expect((await completed.json()).status).toBe("processed");
    let state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "pending", paymentStatus: "pending" });
    expect(state.stock[variant.variantId]).toBe(3);
    expect(state.reservations).toHaveLength(1);
    expect(state.reservations[0]!.expiresAt > isoAfter(24 * 60 * 60 * 1000)).toBe(true);
    expect(state.outbox).toHaveLength(0);
    expect(state.checkout.status).toBe("completed");

    await deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.async_payment_succeeded" }));
    state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.orderCount).toBe(1);
    expect(state.order).toMatchObject({ status: "processing", paymentStatus: "paid" });
    expect(state.stock[variant.variantId]).toBe(1);
    expect(state.reservations).toHaveLength(0);
    expect(state.outbox).toHaveLength(1);
    expect(state.events).toEqual(["created", "payment_pending", "paid", "stock_updated", "status_changed", "email_queued"]);
  });

  it("async failed after completed unpaid: the hold is released, the pending order cancelled, the checkout failed", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 2 }] });
    await deliver(buildCheckoutSessionEvent(checkout, { paymentStatus: "unpaid" }));
    await deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.async_payment_failed" }));
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "cancelled", paymentStatus: "failed" });
    expect(state.order!.cancelledAt).not.toBeNull();
    expect(state.events).toEqual(["created", "payment_pending", "payment_failed", "status_changed", "cancelled"]);
    expect(state.reservations).toHaveLength(0);
    expect(state.checkout.status).toBe("failed");
    expect(state.stock[variant.variantId]).toBe(3);
    expect(state.outbox).toHaveLength(0);
  });

  it("async failed before completed unpaid: no order appears afterwards", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    await deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.async_payment_failed" }));
    await deliver(buildCheckoutSessionEvent(checkout, { paymentStatus: "unpaid" }));
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.orderCount).toBe(0);
    expect(state.checkout.status).toBe("failed");
    expect(state.reservations).toHaveLength(0);
  });

  it("async succeeded before completed unpaid: the order stays paid", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    await deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.async_payment_succeeded" }));
    await deliver(buildCheckoutSessionEvent(checkout, { paymentStatus: "unpaid" }));
    await deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.async_payment_failed" }));
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "processing", paymentStatus: "paid" });
    expect(state.stock[variant.variantId]).toBe(2);
    expect(state.checkout.status).toBe("completed");
  });

  it("expired on an open checkout releases its hold and marks it expired", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 3 }] });
    await deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.expired" }));
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.orderCount).toBe(0);
    expect(state.checkout.status).toBe("expired");
    expect(state.reservations).toHaveLength(0);
    expect(state.stock[variant.variantId]).toBe(3);
  });
});

describe("POST /api/webhooks/stripe – orders that need the owner", () => {
  it("a lapsed hold whose stock was sold makes an on-hold order with a shortfall event, never negative stock", async () => {
    const variant = await createVariant({ stock: 2 });
    const late = await createCheckout({ lines: [{ variant, quantity: 2 }], expiresAt: isoAfter(-60_000) });
    // Meanwhile the stock was sold to someone else: one unit is left.
    await writeTransaction((tx) => decrementStock(tx, { variantId: variant.variantId, quantity: 1, reason: "correction" }));

    const response = await deliver(buildCheckoutSessionEvent(late));
    expect(response.status).toBe(200);
    const state = await snapshot(late.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "on_hold", paymentStatus: "paid", flags: ["stock_shortfall"] });
    expect(state.stock[variant.variantId]).toBe(0);
    const shortfall = state.eventRows.find((event) => event.type === "stock_shortfall");
    expect(shortfall?.data).toMatchObject({ lines: [{ variantId: variant.variantId, requested: 2, allocated: 1, missing: 1 }] });
    expect(state.outbox[0]!.html).toContain("checking something about your order");
  });

  it("does not take stock another shopper is holding in a live checkout", async () => {
    const variant = await createVariant({ stock: 1 });
    const lapsed = await createCheckout({ lines: [{ variant, quantity: 1 }], reserve: false });
    const holder = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    await deliver(buildCheckoutSessionEvent(lapsed));
    const state = await snapshot(lapsed.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "on_hold", flags: ["stock_shortfall"] });
    expect(state.stock[variant.variantId]).toBe(1);

    await deliver(buildCheckoutSessionEvent(holder));
    const holderState = await snapshot(holder.id, [variant.variantId]);
    expect(holderState.order).toMatchObject({ status: "processing" });
    expect(holderState.stock[variant.variantId]).toBe(0);
  });

  it("a discount redeemed past its usage limit keeps the order, flags it and records the event", async () => {
    const code = await createDiscountCode({ usageLimit: 1, uses: 1 });
    const variant = await createVariant({ stock: 5, price: 2000 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }], discount: { id: code.id, code: code.code, percent: 10 } });
    await deliver(buildCheckoutSessionEvent(checkout));
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "processing", discountTotal: 200, total: 2195, discountCode: code.code, flags: ["discount_limit_exceeded"] });
    expect(state.events).toContain("discount_limit_exceeded");
    await withFreshClient(async (db) => {
      const [row] = await db.select().from(discountCodes).where(eq(discountCodes.id, code.id));
      expect(row!.uses).toBe(2);
      expect(await db.select().from(discountRedemptions).where(eq(discountRedemptions.orderId, state.order!.id))).toHaveLength(1);
    });
  });

  it("counts a discount within its limit without flagging", async () => {
    const code = await createDiscountCode({ usageLimit: 5, uses: 1 });
    const variant = await createVariant({ stock: 5 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }], discount: { id: code.id, code: code.code, percent: 10 } });
    await deliver(buildCheckoutSessionEvent(checkout));
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "processing", flags: [] });
    expect(state.events).toContain("discount_applied");
    await withFreshClient(async (db) => {
      const [row] = await db.select().from(discountCodes).where(eq(discountCodes.id, code.id));
      expect(row!.uses).toBe(2);
    });
  });

  it("a paid amount that differs from the quote puts the order on hold with a payment_mismatch event", async () => {
    const variant = await createVariant({ stock: 5, price: 1800 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    await deliver(buildCheckoutSessionEvent(checkout, { amountTotal: 100 }));
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "on_hold", paymentStatus: "paid", total: 100, flags: ["payment_mismatch"] });
    const mismatch = state.eventRows.find((event) => event.type === "payment_mismatch");
    expect(mismatch?.data).toMatchObject({ problems: [{ kind: "amount", expected: 2195, paid: 100 }] });
    expect(state.stock[variant.variantId]).toBe(4);
  });

  it("a payment in another currency puts the order on hold with a payment_mismatch event, though the amount matches", async () => {
    const variant = await createVariant({ stock: 5, price: 1800 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const response = await deliver(buildCheckoutSessionEvent(checkout, { currency: "usd" }));
    expect(response.status).toBe(200);
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "on_hold", paymentStatus: "paid", total: 2195, flags: ["payment_mismatch"] });
    const mismatch = state.eventRows.find((event) => event.type === "payment_mismatch");
    expect(mismatch?.data).toEqual({ problems: [{ kind: "currency", expected: "GBP", paid: "usd" }] });
  });

  it("a payment that names no currency puts the order on hold with a payment_mismatch event", async () => {
    const variant = await createVariant({ stock: 5, price: 1800 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const event = buildCheckoutSessionEvent(checkout);
    delete event.data.object.currency;
    const response = await deliver(event);
    expect(response.status).toBe(200);
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "on_hold", paymentStatus: "paid", total: 2195, flags: ["payment_mismatch"] });
    const mismatch = state.eventRows.find((event) => event.type === "payment_mismatch");
    expect(mismatch?.data).toEqual({ problems: [{ kind: "currency", expected: "GBP", paid: null }] });
    // Delivered again: still one order, one hold.
    await deliver(event);
    const again = await snapshot(checkout.id, [variant.variantId]);
    expect(again.orderCount).toBe(1);
    expect(again.events.filter((type) => type === "payment_mismatch")).toHaveLength(1);
  });

  it("a shipping charge that matches no quoted option is a mismatch; the chosen option is matched by rate", async () => {
    const variant = await createVariant({ stock: 5, price: 1000 });
    const checkout = await createCheckout({
      lines: [{ variant, quantity: 1 }],
      shippingOptions: [
        { rateId: null, name: "Standard", amount: 300 },
        { rateId: null, name: "Express", amount: 700 },
      ],
    });
    await deliver(buildCheckoutSessionEvent(checkout, { shippingOptionIndex: 1 }));
    const good = await snapshot(checkout.id, [variant.variantId]);
    expect(good.order).toMatchObject({ status: "processing", shippingMethod: "Express", shippingTotal: 700, total: 1700 });

    const other = await createCheckout({ lines: [{ variant, quantity: 1 }], shippingOptions: [{ rateId: null, name: "Standard", amount: 300 }] });
    await deliver(buildCheckoutSessionEvent(other, { shippingAmount: 0, amountTotal: 1000 }));
    const bad = await snapshot(other.id, [variant.variantId]);
    expect(bad.order).toMatchObject({ status: "on_hold", flags: ["payment_mismatch"] });
  });

  it("an address outside the quoted country puts the order on hold", async () => {
    const variant = await createVariant({ stock: 5 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }], country: "GB" });
    await deliver(buildCheckoutSessionEvent(checkout, { address: { line1: "1 Main St", city: "Boston", postal_code: "02108", country: "US" } }));
    const state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ status: "on_hold", shippingCountry: "US", flags: ["shipping_country_mismatch"] });
  });
});

describe("POST /api/webhooks/stripe – refunds", () => {
  it("records a partial then a full refund, ignores a repeated or older refund event", async () => {
    const variant = await createVariant({ stock: 5, price: 1800 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    await deliver(buildCheckoutSessionEvent(checkout, { paymentIntentId: "pi_refund_me" }));

    const partial = buildChargeRefundedEvent({ paymentIntentId: "pi_refund_me", amount: 2195, amountRefunded: 500 });
    await deliver(partial);
    let state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ paymentStatus: "partially_refunded", amountRefunded: 500, status: "processing" });

    await deliver(buildChargeRefundedEvent({ paymentIntentId: "pi_refund_me", amount: 2195, amountRefunded: 2195 }));
    // An older event (smaller cumulative amount) arriving late changes nothing.
    await deliver(buildChargeRefundedEvent({ paymentIntentId: "pi_refund_me", amount: 2195, amountRefunded: 500 }));
    state = await snapshot(checkout.id, [variant.variantId]);
    expect(state.order).toMatchObject({ paymentStatus: "refunded", amountRefunded: 2195, status: "refunded" });
    expect(state.events.filter((type) => type === "refunded")).toHaveLength(2);
  });

  it("ignores a refund for a charge that is not one of our orders", async () => {
    const response = await deliver(buildChargeRefundedEvent({ paymentIntentId: "pi_unknown", amount: 100, amountRefunded: 100 }));
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe("ignored");
  });
});

describe("POST /api/webhooks/stripe – malformed but signed", () => {
  it("refuses a signed session event without an id, writing nothing", async () => {
    const variant = await createVariant({ stock: 5 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const event = buildCheckoutSessionEvent(checkout);
    delete event.data.object.id;
    const response = await deliver(event);
    expect(response.status).toBe(400);
    await withFreshClient(async (db) => {
      expect(await db.select().from(webhookEvents).where(and(eq(webhookEvents.id, event.id)))).toHaveLength(0);
      expect(await db.select().from(orders).where(eq(orders.checkoutId, checkout.id))).toHaveLength(0);
    });
  });
});
