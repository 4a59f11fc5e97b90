// The success page's status API when Stripe's webhook is late: it asks Stripe (a local stand-in) itself.
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkouts, emailOutbox, orders, webhookEvents } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { PROVIDER_CHECK_POLICY } from "@/lib/checkout/provider-check-schedule";
import { syncEventId } from "@/lib/webhooks/confirm-checkout-payment";
import { createCart } from "@/tests/factories/cart";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { startFakeStripe, type FakeStripe } from "@/tests/factories/fake-stripe";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { createShippingZone } from "@/tests/factories/shipping";
import { buildCheckoutSessionEvent, type SessionEventOptions } from "@/tests/factories/stripe-event";
import { deliver } from "@/tests/factories/webhook";
import { POST as startSession } from "../session/route";
import { GET } from "./route";

const FAKE_STRIPE_PORT = 3231;
const { firstAskAfterMs: FIRST_ASK, askEveryMs: ASK_EVERY } = PROVIDER_CHECK_POLICY;
let fake: FakeStripe;
let clock = 0;

const status = async (sessionId: string) => {
  const response = await GET(new NextRequest(`http://localhost/api/checkout/status?session_id=${encodeURIComponent(sessionId)}`), noParams);
  return { code: response.status, body: (await response.json()) as Record<string, unknown> };
};
const at = (ms: number) => vi.setSystemTime(clock + ms);
const asksAbout = (sessionId: string) => fake.requests.filter((request) => request.method === "GET" && request.path === `/v1/checkout/sessions/${sessionId}`).length;

/** A checkout started through the real route, so Stripe (the stand-in) made its session. */
async function startedCheckout() {
  const yarn = await createVariant({ name: "Moss Merino", variantName: "Lichen", price: 1800 });
  const cartId = await createCart([{ variantId: yarn.variantId, quantity: 2 }]);
  const res = await startSession(checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB", email: "ann.weaver@example.com" } }), noParams);
  expect(res.status).toBe(200);
  const { checkoutId, sessionId } = (await res.json()) as { checkoutId: string; sessionId: string };
  const checkout = await withFreshClient(async (read) => (await read.select().from(checkouts).where(eq(checkouts.id, checkoutId)))[0]!);
  /** The session as Stripe reports it once the shopper has paid, and the event its webhook would carry. */
  const paidAtStripe = (options: SessionEventOptions = {}) => buildCheckoutSessionEvent(checkout, { email: "ann.weaver@example.com", name: "Ann Weaver", ...options });
  return { checkoutId, sessionId, paidAtStripe };
}

async function written(checkoutId: string) {
  return withFreshClient(async (read) => {
    const orderRows = await read.select().from(orders).where(eq(orders.checkoutId, checkoutId));
    const order = orderRows[0];
    return {
      orders: orderRows.length,
      confirmations: order ? (await read.select().from(emailOutbox).where(eq(emailOutbox.orderId, order.id))).filter((row) => row.kind === "order_confirmation").length : 0,
      events: (await read.select().from(webhookEvents).where(eq(webhookEvents.checkoutId, checkoutId))).map((row) => row.id),
    };
  });
}

describe("GET /api/checkout/status when the payment webhook is late", () => {
  beforeAll(async () => {
    fake = await startFakeStripe(FAKE_STRIPE_PORT);
    vi.stubEnv("PAYMENTS_PROVIDER", "stripe");
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_late_webhook");
    vi.stubEnv("STRIPE_API_BASE", `http://127.0.0.1:${FAKE_STRIPE_PORT}`);
    // Every test here checks out from the same client address.
    vi.stubEnv("CHECKOUT_ABUSE_LIMITS", "off");
    resetEnvForTests();
    await createShippingZone({ name: "UK", countries: ["GB"], rates: [{ name: "Standard", price: 350 }] });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.mode = "ok";
    vi.useFakeTimers({ toFake: ["Date"] });
    clock = Date.now();
  });
  afterEach(() => vi.useRealTimers());

  it("asks Stripe after the wait and creates the order once; the real webhook then changes nothing", async () => {
    const { checkoutId, sessionId, paidAtStripe } = await startedCheckout();
    fake.retrievable.set(sessionId, paidAtStripe().data.object);

    at(0);
    expect((await status(sessionId)).body).toEqual({ state: "confirming" });
    at(FIRST_ASK - 1);
    expect((await status(sessionId)).body).toEqual({ state: "confirming" });
    expect(asksAbout(sessionId)).toBe(0);
    expect((await written(checkoutId)).orders).toBe(0);

    at(FIRST_ASK);
    const paid = await status(sessionId);
    expect(paid.code).toBe(200);
    expect(asksAbout(sessionId)).toBe(1);
    expect(paid.body).toMatchObject({
      state: "paid",
      order: {
        maskedEmail: "a…@example.com",
        currency: "GBP",
        subtotal: 3600,
        shippingTotal: 350,
        total: 3950,
        deliveryAddress: ["Ann Weaver", "1 Mill Lane", "Hebden Bridge", "HX7 8AB", "United Kingdom"],
        items: [{ productName: "Moss Merino", variantName: "Lichen", quantity: 2, lineTotal: 3600 }],
      },
    });
    const { orderNumber, order } = paid.body as { orderNumber: string; order: { orderNumber: string; orderPath: string } };
    expect(order.orderNumber).toBe(orderNumber);
    expect(order.orderPath).toMatch(new RegExp(`^/order/${orderNumber}\\?token=.+`));
    expect(await written(checkoutId)).toEqual({ orders: 1, confirmations: 1, events: [syncEventId(sessionId)] });

    // Stripe's own delivery, late: acknowledged, and still one order and one confirmation.
    const late = paidAtStripe({ eventId: "evt_late_delivery" });
    const delivery = await deliver(late);
    expect(delivery.status).toBe(200);
    expect(await delivery.json()).toMatchObject({ received: true, orderNumber });
    // And its retry is a duplicate of the event id.
    expect(await (await deliver(late)).json()).toMatchObject({ status: "duplicate" });
    expect(await written(checkoutId)).toEqual({ orders: 1, confirmations: 1, events: expect.arrayContaining([syncEventId(sessionId), "evt_late_delivery"]) as unknown });

    // With the order there, the page's further polls never ask Stripe again.
    at(FIRST_ASK + 10 * ASK_EVERY);
    expect((await status(sessionId)).body).toMatchObject({ state: "paid", orderNumber });
    expect(asksAbout(sessionId)).toBe(1);
  });

  it("when the webhook lands while Stripe is being asked, the answer applied after it changes nothing", async () => {
    const { checkoutId, sessionId, paidAtStripe } = await startedCheckout();
    fake.retrievable.set(sessionId, paidAtStripe().data.object);
    fake.beforeAnswer = async () => {
      fake.beforeAnswer = null;
      expect((await deliver(paidAtStripe({ eventId: "evt_on_time" }))).status).toBe(200);
    };
    at(0);
    await status(sessionId);
    at(FIRST_ASK);
    expect((await status(sessionId)).body).toMatchObject({ state: "paid" });
    expect(asksAbout(sessionId)).toBe(1);
    const after = await written(checkoutId);
    expect(after).toMatchObject({ orders: 1, confirmations: 1 });
    expect(after.events.sort()).toEqual(["evt_on_time", syncEventId(sessionId)].sort());
  });

  it("asks at most once per interval per checkout, however many polls come", async () => {
    const { checkoutId, sessionId, paidAtStripe } = await startedCheckout();
    // The shopper has not finished Stripe's page yet (or came back without paying).
    fake.retrievable.set(sessionId, { ...paidAtStripe().data.object, status: "open", payment_status: "unpaid" });

    at(0);
    await status(sessionId);
    at(FIRST_ASK);
    await Promise.all([status(sessionId), status(sessionId), status(sessionId)]);
    expect(asksAbout(sessionId)).toBe(1);
    at(FIRST_ASK + ASK_EVERY - 1);
    expect((await status(sessionId)).body).toEqual({ state: "confirming" });
    expect(asksAbout(sessionId)).toBe(1);
    at(FIRST_ASK + ASK_EVERY);
    await Promise.all([status(sessionId), status(sessionId)]);
    expect(asksAbout(sessionId)).toBe(2);
    expect((await written(checkoutId)).orders).toBe(0);
  });

  it("keeps the shopper waiting (200, nothing written) while Stripe is down or does not know the session, and confirms once it answers", async () => {
    const { checkoutId, sessionId, paidAtStripe } = await startedCheckout();
    at(0);
    await status(sessionId);

    at(FIRST_ASK);
    const unknown = await status(sessionId);
    expect(unknown).toEqual({ code: 200, body: { state: "confirming" } });

    fake.mode = "fail";
    fake.retrievable.set(sessionId, paidAtStripe().data.object);
    at(FIRST_ASK + ASK_EVERY);
    expect(await status(sessionId)).toEqual({ code: 200, body: { state: "confirming" } });
    expect(asksAbout(sessionId)).toBe(2);
    expect(await written(checkoutId)).toEqual({ orders: 0, confirmations: 0, events: [] });

    fake.mode = "ok";
    at(FIRST_ASK + 2 * ASK_EVERY);
    expect((await status(sessionId)).body).toMatchObject({ state: "paid" });
    expect((await written(checkoutId)).orders).toBe(1);
  });

  it("says a delayed payment is processing, and leaves its order to the webhook", async () => {
    const { checkoutId, sessionId, paidAtStripe } = await startedCheckout();
    fake.retrievable.set(sessionId, paidAtStripe({ paymentStatus: "unpaid" }).data.object);
    at(0);
    await status(sessionId);
    at(FIRST_ASK);
    expect((await status(sessionId)).body).toEqual({ state: "processing", order: null });
    expect((await written(checkoutId)).orders).toBe(0);
  });
});
