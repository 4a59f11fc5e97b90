// The order cancelled email through the real cancel route: queued once with the cancellation, saying what happens to the money.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, orderEvents } from "@/lib/db/schema";
import { ERASED_EMAIL_TEXT } from "@/lib/email/outbox-status";
import { eraseCustomer } from "@/lib/privacy/erase-customer";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createAdminOrder, createCustomer, createStockedVariant } from "@/tests/factories/admin-orders";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { POST } from "./route";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

function cancel(orderId: number, body: unknown = { restock: true }) {
  const request = adminRequest(`/api/admin/orders/${orderId}/cancel`, { method: "POST", body, cookie: ownerCookie() });
  return POST(request, { params: Promise.resolve({ id: String(orderId) }) });
}

async function cancellationEmails(orderId: number) {
  return withFreshClient(async (fresh) => {
    const rows = (await fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId))).filter((row) => row.kind === "order_cancelled");
    const events = (await fresh.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter(
      (event) => event.type === "email_queued" && (event.data as { kind?: string }).kind === "order_cancelled",
    );
    return { rows, events };
  });
}

describe("the order cancelled email", () => {
  it("is queued exactly once with the cancellation, to the order's address, and cancelling again queues no second one", async () => {
    const variant = await createStockedVariant({ productName: "Moorland Merino", variantName: "Heather / 4ply", price: 1800 });
    const order = await createAdminOrder({ lines: [{ variant, quantity: 2 }], name: "Grace Hopper" });
    expect((await cancel(order.id, { restock: true, reason: "fraud suspected" })).status).toBe(200);

    const { rows, events } = await cancellationEmails(order.id);
    expect(rows).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: "admin:owner (owner@localhost)", message: "Order cancelled email queued.", data: { outboxId: rows[0]!.id } });
    const email = rows[0]!;
    expect(email).toMatchObject({ toAddress: order.email, status: "pending", idempotencyKey: `order_cancelled/${order.id}` });
    expect(email.subject).toBe(`Hedgerow Dye Works: order ${order.orderNumber} has been cancelled`);
    for (const part of [email.html, email.text]) {
      expect(part).toContain(order.orderNumber);
      expect(part).toContain("2 × Moorland Merino – Heather / 4ply");
      expect(part).toContain("£39.95");
      expect(part).toContain("You paid £39.95. We will be in touch with you about your refund.");
      expect(part).not.toContain("reaches your card");
      // The owner's reason and the stock are the shop's business.
      expect(part).not.toContain("fraud");
      expect(part.toLowerCase()).not.toContain("stock");
    }
    expect(email.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"');

    expect((await cancel(order.id)).status).toBe(409);
    const again = await cancellationEmails(order.id);
    expect(again.rows.map((row) => row.id)).toEqual([email.id]);
    expect(again.events).toHaveLength(1);
  });

  it("says how much was refunded and when it reaches the card, and what is still to come", async () => {
    const order = await createAdminOrder({ paymentStatus: "partially_refunded", amountRefunded: 500 });
    expect((await cancel(order.id)).status).toBe(200);
    const [email] = (await cancellationEmails(order.id)).rows;
    const rest = `£${((order.total - 500) / 100).toFixed(2)}`;
    for (const part of [email!.html, email!.text]) {
      expect(part).toContain(order.orderNumber);
      expect(part).toContain(
        `We have refunded £5.00 to the card you paid with. It reaches your card in 5–10 working days. We will be in touch with you about the remaining ${rest}.`,
      );
    }
  });

  it("tells the shopper of an unpaid order that nothing was charged", async () => {
    const order = await createAdminOrder({ paymentStatus: "pending" });
    expect((await cancel(order.id)).status).toBe(200);
    const [email] = (await cancellationEmails(order.id)).rows;
    expect(email!.text).toContain("No payment was taken for this order, so nothing was charged.");
    expect(email!.text).not.toContain("refund");
  });

  it("is scrubbed by erasure like every other email of the person", async () => {
    const customer = await createCustomer({ email: "erase.me@example.com", name: "Erin Erased" });
    const order = await createAdminOrder({ customer });
    expect((await cancel(order.id)).status).toBe(200);
    expect((await cancellationEmails(order.id)).rows[0]!.html).toContain("Erin");

    await eraseCustomer({ customerId: customer.id, actor: "admin:owner (owner@localhost)" });
    const [email] = (await cancellationEmails(order.id)).rows;
    expect(email).toMatchObject({ subject: ERASED_EMAIL_TEXT, html: ERASED_EMAIL_TEXT, text: ERASED_EMAIL_TEXT, status: "failed" });
    expect(email!.toAddress).not.toContain("erase.me");
    expect(JSON.stringify(email).toLowerCase()).not.toContain("erin");
  });
});
