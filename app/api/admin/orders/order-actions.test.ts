// The owner's order actions through the real route handlers, re-read through a fresh client.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, inventoryAdjustments, orderEvents, orders, productVariants, stockReservations } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createAdminOrder, createStockedVariant } from "@/tests/factories/admin-orders";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createCheckout } from "@/tests/factories/checkout";
import { createVariant } from "@/tests/factories/product";
import { POST as cancelPost } from "./[id]/cancel/route";
import { POST as fulfilPost } from "./[id]/fulfill/route";
import { POST as notePost } from "./[id]/notes/route";
import { POST as refundPost } from "./[id]/refund/route";
import { POST as statusPost } from "./[id]/status/route";

type Handler = typeof fulfilPost;

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

function call(handler: Handler, orderId: number | string, action: string, body: unknown) {
  const request = adminRequest(`/api/admin/orders/${orderId}/${action}`, { method: "POST", body, cookie: ownerCookie() });
  return handler(request, { params: Promise.resolve({ id: String(orderId) }) });
}

const fulfil = (orderId: number | string, body: unknown) => call(fulfilPost, orderId, "fulfill", body);

function eventsOf(orderId: number) {
  return withFreshClient((fresh) => fresh.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id));
}

describe("POST /api/admin/orders/[id]/fulfill", () => {
  it("ships a paid order: status, shipped_at, tracking, a tracking_added event and one queued shipping confirmation", async () => {
    const order = await createAdminOrder();
    const response = await fulfil(order.id, { carrier: "Royal Mail", trackingNumber: " RM123456785GB " });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { order: { status: string; trackingNumber: string } };
    expect(body.order).toMatchObject({ status: "shipped", trackingNumber: "RM123456785GB" });

    const [saved] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, order.id)));
    expect(saved).toMatchObject({ status: "shipped", trackingCarrier: "Royal Mail", trackingNumber: "RM123456785GB" });
    expect(saved!.trackingUrl).toContain("royalmail.com");
    expect(saved!.shippedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const types = (await eventsOf(order.id)).map((event) => event.type);
    expect(types).toEqual(["created", "status_changed", "tracking_added", "email_queued"]);
    const emails = await withFreshClient((fresh) => fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, order.id)));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ kind: "shipping_confirmation", toAddress: order.email, status: "pending" });
    expect(emails[0]!.html).toContain("RM123456785GB");
    expect(emails[0]!.subject).toContain(order.orderNumber);
  });

  it("fulfilling twice corrects the tracking with a tracking_updated event and sends no second email", async () => {
    const order = await createAdminOrder();
    expect((await fulfil(order.id, { carrier: "Royal Mail", trackingNumber: "RM000000001GB" })).status).toBe(200);
    const second = await fulfil(order.id, { carrier: "DPD", trackingNumber: "15501234567890", trackingUrl: "https://track.example/1550" });
    expect(second.status).toBe(200);

    const [saved] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, order.id)));
    expect(saved).toMatchObject({ status: "shipped", trackingCarrier: "DPD", trackingNumber: "15501234567890", trackingUrl: "https://track.example/1550" });
    const events = await eventsOf(order.id);
    expect(events.filter((event) => event.type === "tracking_added")).toHaveLength(1);
    const updated = events.filter((event) => event.type === "tracking_updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]!.data).toMatchObject({ trackingNumber: "15501234567890", previous: { trackingNumber: "RM000000001GB" } });
    expect(events.filter((event) => event.type === "email_queued")).toHaveLength(1);
    const emails = await withFreshClient((fresh) => fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, order.id)));
    expect(emails).toHaveLength(1);
  });

  it("refuses a cancelled order with 409 and the reason, and writes nothing", async () => {
    const order = await createAdminOrder({ status: "cancelled" });
    const response = await fulfil(order.id, { carrier: "Royal Mail", trackingNumber: "RM1" });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("cancelled") } });
    expect((await eventsOf(order.id)).map((event) => event.type)).toEqual(["created"]);
  });

  it("refuses unpaid and refunded orders with 409", async () => {
    const unpaid = await createAdminOrder({ paymentStatus: "pending" });
    const refunded = await createAdminOrder({ status: "refunded", paymentStatus: "refunded" });
    for (const order of [unpaid, refunded]) {
      const response = await fulfil(order.id, { carrier: "Royal Mail", trackingNumber: "RM1" });
      expect(response.status).toBe(409);
    }
  });

  it("answers empty carrier or tracking number with 400 and writes nothing; an unknown order is 404; a bad id is 400", async () => {
    const order = await createAdminOrder();
    for (const body of [{ carrier: "", trackingNumber: "RM1" }, { carrier: "Royal Mail", trackingNumber: "   " }, {}, { carrier: "DPD", trackingNumber: "1", trackingUrl: "javascript:alert(1)" }]) {
      const response = await fulfil(order.id, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "validation_error" } });
    }
    const [saved] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, order.id)));
    expect(saved!.status).toBe("processing");
    expect((await fulfil(999_999, { carrier: "DPD", trackingNumber: "1" })).status).toBe(404);
    expect((await fulfil("abc", { carrier: "DPD", trackingNumber: "1" })).status).toBe(400);
  });
});

describe("POST /api/admin/orders/[id]/cancel", () => {
  it("cancels with restock: the units go back with `cancellation` ledger rows and the events say so", async () => {
    const variant = await createStockedVariant({ stock: 10 });
    const order = await createAdminOrder({ lines: [{ variant, quantity: 3 }] });
    const response = await call(cancelPost, order.id, "cancel", { restock: true, reason: "customer changed their mind" });
    expect(response.status).toBe(200);

    await withFreshClient(async (fresh) => {
      const [saved] = await fresh.select().from(orders).where(eq(orders.id, order.id));
      expect(saved!.status).toBe("cancelled");
      expect(saved!.cancelledAt).not.toBeNull();
      const [stock] = await fresh.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variant.variantId));
      expect(stock!.stock).toBe(10);
      const ledger = await fresh.select().from(inventoryAdjustments).where(eq(inventoryAdjustments.variantId, variant.variantId)).orderBy(inventoryAdjustments.id);
      expect(ledger.map((row) => [row.reason, row.delta])).toEqual([["initial", 10], ["order", -3], ["cancellation", 3]]);
      expect(ledger[2]!.reference).toBe(order.orderNumber);
    });
    const types = (await eventsOf(order.id)).map((event) => event.type);
    expect(types).toEqual(["created", "status_changed", "cancelled", "stock_updated", "email_queued"]);

    // Cancelled is an end: cancelling again is a conflict and restocks nothing more.
    expect((await call(cancelPost, order.id, "cancel", { restock: true })).status).toBe(409);
  });

  it("cancels without restock: stock stays where it is", async () => {
    const variant = await createStockedVariant({ stock: 10 });
    const order = await createAdminOrder({ lines: [{ variant, quantity: 2 }] });
    expect((await call(cancelPost, order.id, "cancel", { restock: false })).status).toBe(200);
    const [stock] = await withFreshClient((fresh) => fresh.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variant.variantId)));
    expect(stock!.stock).toBe(8);
  });

  it("cancelling an order still awaiting payment releases the stock its checkout holds, and restocks nothing", async () => {
    const variant = await createVariant({ stock: 5 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 2 }] });
    const order = await createAdminOrder({ paymentStatus: "pending", checkoutId: checkout.id, lines: [{ variant, quantity: 2 }] });
    expect(await withFreshClient((fresh) => fresh.select().from(stockReservations).where(eq(stockReservations.checkoutId, checkout.id)))).toHaveLength(1);
    expect((await call(cancelPost, order.id, "cancel", { restock: true })).status).toBe(200);
    await withFreshClient(async (fresh) => {
      expect(await fresh.select().from(stockReservations).where(eq(stockReservations.checkoutId, checkout.id))).toEqual([]);
      const [stock] = await fresh.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variant.variantId));
      expect(stock!.stock).toBe(5);
    });
  });

  it("refuses to cancel a shipped order (409)", async () => {
    const order = await createAdminOrder({ status: "shipped" });
    const response = await call(cancelPost, order.id, "cancel", { restock: true });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "illegal_transition" } });
  });
});

describe("POST /api/admin/orders/[id]/refund", () => {
  it("refunds part, then the rest: amount_refunded, payment status, events, and the order ends refunded", async () => {
    const order = await createAdminOrder();
    const first = await call(refundPost, order.id, "refund", { amount: 500 });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ order: { amountRefunded: 500, paymentStatus: "partially_refunded" }, refund: { refundId: expect.stringMatching(/^re_local_/) } });

    const rest = order.total - 500;
    expect((await call(refundPost, order.id, "refund", { amount: rest })).status).toBe(200);
    const [saved] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, order.id)));
    expect(saved).toMatchObject({ amountRefunded: order.total, paymentStatus: "refunded", status: "refunded" });
    const refunds = (await eventsOf(order.id)).filter((event) => event.type === "refunded");
    expect(refunds.map((event) => event.data?.amount)).toEqual([500, rest]);
  });

  it("refuses more than was paid with 422 and refunds nothing", async () => {
    const order = await createAdminOrder();
    const over = await call(refundPost, order.id, "refund", { amount: order.total + 1 });
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({ error: { code: "unprocessable", details: { refundable: order.total } } });

    expect((await call(refundPost, order.id, "refund", { amount: order.total - 100 })).status).toBe(200);
    const second = await call(refundPost, order.id, "refund", { amount: 101 });
    expect(second.status).toBe(422);
    const [saved] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, order.id)));
    expect(saved!.amountRefunded).toBe(order.total - 100);
  });

  it("answers a fractional or negative amount with 400 and an unpaid order with 409", async () => {
    const order = await createAdminOrder();
    expect((await call(refundPost, order.id, "refund", { amount: 12.5 })).status).toBe(400);
    expect((await call(refundPost, order.id, "refund", { amount: -5 })).status).toBe(400);
    const unpaid = await createAdminOrder({ paymentStatus: "pending" });
    expect((await call(refundPost, unpaid.id, "refund", { amount: 100 })).status).toBe(409);
  });
});

describe("status changes and notes", () => {
  it("puts an order on hold with a reason, releases it, and refuses a hold without a reason", async () => {
    const order = await createAdminOrder();
    expect((await call(statusPost, order.id, "status", { status: "on_hold" })).status).toBe(400);
    expect((await call(statusPost, order.id, "status", { status: "on_hold", reason: "Address looks wrong" })).status).toBe(200);
    expect((await call(statusPost, order.id, "status", { status: "processing" })).status).toBe(200);
    const changes = (await eventsOf(order.id)).filter((event) => event.type === "status_changed");
    expect(changes.map((event) => event.message)).toEqual([
      "Status changed from processing to on_hold: Address looks wrong",
      "Status changed from on_hold to processing: hold released",
    ]);
    // Shipping goes through fulfilment, never the status menu.
    expect((await call(statusPost, order.id, "status", { status: "shipped" })).status).toBe(400);
    // Delivered only after shipped.
    expect((await call(statusPost, order.id, "status", { status: "delivered" })).status).toBe(409);
  });

  it("adds an internal note as a note_added event", async () => {
    const order = await createAdminOrder();
    expect((await call(notePost, order.id, "notes", { note: "Gift wrap, please" })).status).toBe(201);
    expect((await call(notePost, order.id, "notes", { note: "  " })).status).toBe(400);
    const notes = await withFreshClient((fresh) => fresh.select().from(orderEvents).where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, "note_added"))));
    expect(notes.map((note) => [note.message, note.actor])).toEqual([["Gift wrap, please", "admin:owner (owner@localhost)"]]);
  });
});

describe("refunds and double clicks", () => {
  it("two identical refund requests at once refund once: same idempotency key, same refund, one recorded amount", async () => {
    const order = await createAdminOrder();
    const [a, b] = await Promise.all([call(refundPost, order.id, "refund", { amount: 700 }), call(refundPost, order.id, "refund", { amount: 700 })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [first, second] = (await Promise.all([a.json(), b.json()])) as { refund: { refundId: string } }[];
    expect(first!.refund.refundId).toBe(second!.refund.refundId);
    const [saved] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, order.id)));
    expect(saved).toMatchObject({ amountRefunded: 700, paymentStatus: "partially_refunded" });
    expect((await eventsOf(order.id)).filter((event) => event.type === "refunded")).toHaveLength(1);
  });
});
