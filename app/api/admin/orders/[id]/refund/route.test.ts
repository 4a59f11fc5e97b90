// The owner's refund through the real route handler: reasons, lines, restock and the 400s; re-read through a fresh client.
import { createServer, type Server } from "node:http";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, inventoryAdjustments, orderItems, productVariants, refunds } from "@/lib/db/schema";
import { refundOrder } from "@/lib/orders/refund-order";
import { createStripeProvider } from "@/lib/payments/stripe/stripe-provider";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createAdminOrder, createStockedVariant } from "@/tests/factories/admin-orders";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { buildRefundEvent } from "@/tests/factories/stripe-event";
import { deliver } from "@/tests/factories/webhook";
import { POST } from "./route";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

function refund(orderId: number, body: unknown) {
  const request = adminRequest(`/api/admin/orders/${orderId}/refund`, { method: "POST", body, cookie: ownerCookie() });
  return POST(request, { params: Promise.resolve({ id: String(orderId) }) });
}

async function itemsOf(orderId: number) {
  return withFreshClient((db) => db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(orderItems.id));
}

const refundRows = (orderId: number) => withFreshClient((db) => db.select().from(refunds).where(eq(refunds.orderId, orderId)));
const refundEmails = (orderId: number) =>
  withFreshClient((db) => db.select().from(emailOutbox).where(and(eq(emailOutbox.orderId, orderId), eq(emailOutbox.kind, "refund_issued"))));

describe("POST /api/admin/orders/[id]/refund – lines, reasons and restock", () => {
  it("refunds one line with restock: the row records lines and reason, the units go back with a return ledger row, the email names the line", async () => {
    const wool = await createStockedVariant({ price: 1800, stock: 10, productName: "Moorland Merino" });
    const silk = await createStockedVariant({ price: 2400, stock: 10 });
    const order = await createAdminOrder({ lines: [{ variant: wool, quantity: 2 }, { variant: silk, quantity: 1 }] });
    const [woolItem] = await itemsOf(order.id);

    const response = await refund(order.id, {
      amount: 1800,
      reason: "requested_by_customer",
      lines: [{ orderItemId: woolItem!.id, quantity: 1, restock: true }],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ order: { amountRefunded: 1800, paymentStatus: "partially_refunded" }, refund: { status: "succeeded" } });

    const [row] = await refundRows(order.id);
    expect(row).toMatchObject({ amount: 1800, status: "succeeded", reason: "requested_by_customer", lines: [{ orderItemId: woolItem!.id, quantity: 1, restock: true }] });
    expect(row!.actor).toMatch(/^admin:/);
    await withFreshClient(async (db) => {
      const [variant] = await db.select().from(productVariants).where(eq(productVariants.id, wool.variantId));
      expect(variant!.stock).toBe(10 - 2 + 1);
      const ledger = await db.select().from(inventoryAdjustments).where(and(eq(inventoryAdjustments.variantId, wool.variantId), eq(inventoryAdjustments.reason, "return")));
      expect(ledger).toMatchObject([{ delta: 1, reference: order.orderNumber }]);
      const [untouched] = await db.select().from(productVariants).where(eq(productVariants.id, silk.variantId));
      expect(untouched!.stock).toBe(9);
    });
    const emails = await refundEmails(order.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text).toContain("1 × Moorland Merino");
    expect(emails[0]!.text).toContain("£18.00");
  });

  it("the same line cannot be refunded past what was ordered, counting earlier refunds", async () => {
    const variant = await createStockedVariant({ price: 1000 });
    const order = await createAdminOrder({ lines: [{ variant, quantity: 2 }] });
    const [item] = await itemsOf(order.id);
    expect((await refund(order.id, { amount: 1000, lines: [{ orderItemId: item!.id, quantity: 1, restock: false }] })).status).toBe(200);

    const tooMany = await refund(order.id, { amount: 2000, lines: [{ orderItemId: item!.id, quantity: 2, restock: false }] });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { code: "bad_request", details: { orderItemId: item!.id, refundable: 1 } } });
    expect(await refundRows(order.id)).toHaveLength(1);
  });

  it("refuses lines whose value differs from the amount, naming the expected amount, and refunds nothing", async () => {
    const variant = await createStockedVariant({ price: 1250 });
    const order = await createAdminOrder({ lines: [{ variant, quantity: 2 }] });
    const [item] = await itemsOf(order.id);
    const response = await refund(order.id, { amount: 1000, lines: [{ orderItemId: item!.id, quantity: 1, restock: true }] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; details: unknown } };
    expect(body.error.message).toContain("£12.50");
    expect(body.error.details).toMatchObject({ expectedAmount: 1250, amount: 1000 });
    expect(await refundRows(order.id)).toHaveLength(0);
  });

  it("refuses another order's line", async () => {
    const order = await createAdminOrder();
    const other = await createAdminOrder();
    const [foreign] = await itemsOf(other.id);
    const response = await refund(order.id, { amount: foreign!.unitPrice, lines: [{ orderItemId: foreign!.id, quantity: 1, restock: true }] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "bad_request", details: { orderItemId: foreign!.id } } });
    expect(await refundRows(order.id)).toHaveLength(0);
  });

  it("refuses the reason Other without a note, and takes it with one (the note kept, no reason shown to the shopper)", async () => {
    const order = await createAdminOrder();
    const bare = await refund(order.id, { amount: 300, reason: "other" });
    expect(bare.status).toBe(400);
    expect(await bare.json()).toMatchObject({ error: { code: "validation_error" } });
    expect(await refundRows(order.id)).toHaveLength(0);

    expect((await refund(order.id, { amount: 300, reason: "other", note: "Goodwill for the late parcel" })).status).toBe(200);
    const [row] = await refundRows(order.id);
    expect(row).toMatchObject({ reason: "other", note: "Goodwill for the late parcel" });
    const [email] = await refundEmails(order.id);
    expect(email!.text).toContain("part of your order");
    expect(email!.text).not.toContain("Goodwill");
  });

  it("after a refund fails, the same amount again is a new refund that counts", async () => {
    const order = await createAdminOrder();
    const first = (await (await refund(order.id, { amount: 600, reason: "duplicate" })).json()) as { refund: { refundId: string } };
    await deliver(buildRefundEvent({ type: "refund.failed", refundId: first.refund.refundId, paymentIntentId: order.paymentIntentId!, amount: 600, status: "failed" }));
    const again = (await (await refund(order.id, { amount: 600, reason: "duplicate" })).json()) as { order: { amountRefunded: number }; refund: { refundId: string } };
    expect(again.refund.refundId).not.toBe(first.refund.refundId);
    expect(again.order.amountRefunded).toBe(600);
    expect((await refundRows(order.id)).map((row) => row.status).sort()).toEqual(["failed", "succeeded"]);
  });
});

describe("a refund still pending at Stripe", () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    // Stands in for api.stripe.com's refunds endpoint: the refund is accepted but not settled yet.
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        const form = new URLSearchParams(body);
        res.writeHead(200, { "content-type": "application/json", "request-id": "req_pending" });
        res.end(JSON.stringify({ id: `re_pending_${form.get("amount")}_${form.get("payment_intent")}`, object: "refund", amount: Number(form.get("amount")), status: "pending" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("counts at once but is emailed only when the webhook says it succeeded", async () => {
    const order = await createAdminOrder();
    const provider = createStripeProvider({ secretKey: "sk_test_pending", host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 });
    const { order: after, refund: result } = await refundOrder({ orderId: order.id, amount: 500, reason: "duplicate", actor: "admin:test" }, provider);
    expect(result.status).toBe("pending");
    expect(after).toMatchObject({ amountRefunded: 500, paymentStatus: "partially_refunded" });
    expect(await refundEmails(order.id)).toHaveLength(0);

    const settled = buildRefundEvent({ refundId: result.refundId, paymentIntentId: order.paymentIntentId!, amount: 500, status: "succeeded", reason: "duplicate" });
    expect((await deliver(settled)).status).toBe(200);
    expect((await deliver(settled)).status).toBe(200);
    const emails = await refundEmails(order.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text).toContain("£5.00");
    expect(emails[0]!.text).toContain("charged more than once");
    const [row] = await refundRows(order.id);
    expect(row).toMatchObject({ status: "succeeded", actor: "admin:test", reason: "duplicate" });
  });
});
