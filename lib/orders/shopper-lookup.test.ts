import { beforeEach, describe, expect, it, vi } from "vitest";
import { lookupOrder } from "@/app/order/[orderNumber]/actions";
import { db, writeTransaction } from "@/lib/db";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { createCheckout } from "@/tests/factories/checkout";
import { createVariant } from "@/tests/factories/product";
import { deliver } from "@/tests/factories/webhook";
import { findOrderByPaymentSession, getOrderForShopper, ORDER_NOT_FOUND_MESSAGE } from "./shopper-lookup";
import { transitionOrderStatus } from "./status-machine";
import { orders } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { requestScope } from "@/tests/factories/admin-request-scope";
import { orderLookupThrottle } from "./order-lookup-throttle";

// The email form is a server action: it reads the caller's address through next/headers.
vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));
beforeEach(() => requestScope.reset());

async function placeOrder(email = "morag@example.com") {
  const variant = await createVariant({ stock: 5, price: 1500 });
  const checkout = await createCheckout({ lines: [{ variant, quantity: 2 }], email });
  const body = await (await deliver(buildCheckoutSessionEvent(checkout))).json();
  const [order] = await (await db()).select().from(orders).where(eq(orders.id, body.orderId));
  return order!;
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** Next's redirect() throws a control-flow error whose digest carries the target URL. */
async function redirectTarget(action: Promise<unknown>): Promise<string | null> {
  try {
    await action;
    return null;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return digest.split(";")[2] ?? null;
  }
}

describe("the shopper's order page access", () => {
  it("shows status, items, totals and tracking to the holder of the order's token", async () => {
    const order = await placeOrder();
    await writeTransaction(async (tx) => {
      await tx.update(orders).set({ trackingNumber: "RM123456789GB", trackingCarrier: "Royal Mail" }).where(eq(orders.id, order.id));
      await transitionOrderStatus(tx, { orderId: order.id, to: "shipped", actor: "admin:owner" });
    });
    const view = await getOrderForShopper(await db(), order.orderNumber, { token: order.lookupToken });
    expect(view).toMatchObject({
      orderNumber: order.orderNumber,
      status: "shipped",
      subtotal: 3000,
      total: 3395,
      tracking: { number: "RM123456789GB", carrier: "Royal Mail" },
      items: [{ quantity: 2, lineTotal: 3000 }],
    });
    expect(view!.shippedAt).not.toBeNull();
    // Typed by hand, the number still works.
    expect(await getOrderForShopper(await db(), ` ${order.orderNumber.toLowerCase()} `, { token: order.lookupToken })).not.toBeNull();
  });

  it("shows nothing for a wrong token, another order's token, or no secret at all", async () => {
    const order = await placeOrder();
    const other = await placeOrder("someone.else@example.com");
    const read = await db();
    expect(await getOrderForShopper(read, order.orderNumber, { token: "not-the-token" })).toBeNull();
    expect(await getOrderForShopper(read, order.orderNumber, { token: other.lookupToken })).toBeNull();
    expect(await getOrderForShopper(read, order.orderNumber, {})).toBeNull();
    expect(await getOrderForShopper(read, order.orderNumber, { token: "", email: "" })).toBeNull();
  });

  it("opens with the order's email, in any case, and not with another email", async () => {
    const order = await placeOrder("Morag.B@Example.com");
    const read = await db();
    expect(await getOrderForShopper(read, order.orderNumber, { email: "morag.b@example.com" })).not.toBeNull();
    expect(await getOrderForShopper(read, order.orderNumber, { email: " MORAG.B@EXAMPLE.COM " })).not.toBeNull();
    expect(await getOrderForShopper(read, order.orderNumber, { email: "morag@example.com" })).toBeNull();
  });

  it("the email form sends the buyer to the order's link", async () => {
    const order = await placeOrder("fiona@example.com");
    const target = await redirectTarget(lookupOrder({ error: null, email: "" }, form({ orderNumber: order.orderNumber, email: "Fiona@example.com" })));
    expect(target).toBe(`/order/${order.orderNumber}?token=${order.lookupToken}`);
  });

  it("the email form answers an unknown number and a wrong email with the same message", async () => {
    const order = await placeOrder("iona@example.com");
    const wrongEmail = await lookupOrder({ error: null, email: "" }, form({ orderNumber: order.orderNumber, email: "nope@example.com" }));
    const unknownNumber = await lookupOrder({ error: null, email: "" }, form({ orderNumber: "HD-999999", email: "iona@example.com" }));
    expect(wrongEmail).toEqual({ error: ORDER_NOT_FOUND_MESSAGE, email: "nope@example.com" });
    expect(unknownNumber).toEqual({ error: ORDER_NOT_FOUND_MESSAGE, email: "iona@example.com" });
    const invalid = await lookupOrder({ error: null, email: "" }, form({ orderNumber: order.orderNumber, email: "not an email" }));
    expect(invalid.error).toMatch(/email address/);
  });

  it("the email form stops one address guessing emails after ten wrong tries, without blocking others", async () => {
    const order = await placeOrder("guarded@example.com");
    const attempt = (email: string) => lookupOrder({ error: null, email: "" }, form({ orderNumber: order.orderNumber, email }));
    requestScope.setHeader("x-forwarded-for", "203.0.113.7");
    for (let guess = 1; guess <= 10; guess += 1) {
      expect((await attempt(`guess${guess}@example.com`)).error).toBe(ORDER_NOT_FOUND_MESSAGE);
    }
    // Locked now: even the right email is not checked, so a lucky guess learns nothing.
    expect((await attempt("guarded@example.com")).error).toMatch(/Too many tries from this connection\. Please wait 30 seconds/);

    requestScope.reset();
    requestScope.setHeader("x-forwarded-for", "198.51.100.20");
    expect(await redirectTarget(attempt("guarded@example.com"))).toBe(`/order/${order.orderNumber}?token=${order.lookupToken}`);
    expect(orderLookupThrottle.check("198.51.100.20", Date.now())).toEqual({ allowed: true });
  });

  it("finds the order for the success page by payment session id, with its link", async () => {
    const order = await placeOrder();
    const found = await findOrderByPaymentSession(await db(), order.paymentSessionId!);
    expect(found).toEqual({
      orderNumber: order.orderNumber,
      status: "processing",
      paymentStatus: "paid",
      email: order.email,
      orderPath: `/order/${order.orderNumber}?token=${order.lookupToken}`,
    });
    expect(await findOrderByPaymentSession(await db(), "cs_unknown")).toBeNull();
  });
});
