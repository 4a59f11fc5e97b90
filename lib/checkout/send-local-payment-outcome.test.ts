import { createServer, type Server } from "node:http";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkoutInput } from "@/lib/checkout/checkout-input";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { db, writeTransaction } from "@/lib/db";
import { checkouts, orders } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createCart } from "@/tests/factories/cart";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import type { CheckoutSessionEvent } from "@/lib/payments/local/build-checkout-session-event";
import { createLocalProvider } from "@/lib/payments/local/local-provider";
import { confirmCheckoutPayment } from "@/lib/webhooks/confirm-checkout-payment";
import { PROVIDER_CHECK_POLICY } from "./provider-check-schedule";
import { sendLocalPaymentOutcome } from "./send-local-payment-outcome";

// Stands in for the store's /api/webhooks/stripe: verifies each delivery exactly as the webhook will.
const PORT = 3145;
const webhookUrl = `http://127.0.0.1:${PORT}/api/webhooks/stripe`;
let server: Server;
let received: CheckoutSessionEvent[] = [];
let answerWith = 200;

const payer = { email: "ann@example.com", name: "Ann Weaver", address: { line1: "1 Hedgerow Lane", line2: null, city: "Hebden Bridge", state: null, postal_code: "HX7 8AA" } };

async function openLocalCheckout(country = "GB") {
  const yarn = await createVariant({ price: 1800, weightGrams: 100 });
  const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
  return startCheckout({ cartId, input: checkoutInput.parse({ country, email: "ann@example.com" }) });
}

const send = async (params: Omit<Parameters<typeof sendLocalPaymentOutcome>[1], "webhookUrl" | "secret">) =>
  sendLocalPaymentOutcome(await db(), { ...params, webhookUrl, secret: env().STRIPE_WEBHOOK_SECRET! });

describe("the local payment page's buttons", () => {
  beforeAll(async () => {
    await createYarnShopShipping();
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        try {
          const event = Stripe.webhooks.constructEvent(body, String(req.headers["stripe-signature"]), env().STRIPE_WEBHOOK_SECRET!);
          received.push(event as unknown as CheckoutSessionEvent);
          res.writeHead(answerWith, { "content-type": "application/json" }).end(JSON.stringify({ received: true }));
        } catch {
          res.writeHead(400).end("bad signature");
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received = [];
    answerWith = 200;
  });

  it("Pay sends a signed checkout.session.completed with the chosen delivery option and goes to the success page", async () => {
    const started = await openLocalCheckout("GB");
    const checkout = (await (await db()).select().from(checkouts).where(eq(checkouts.id, started.checkoutId)))[0]!;
    const tracked = (checkout.quote as { shippingOptions: { rateId: number; name: string }[] }).shippingOptions.find((option) => option.name === "Tracked 24")!;

    const outcome = await send({ checkoutId: started.checkoutId, intent: "pay", payer, shippingRateId: tracked.rateId });
    expect(outcome).toEqual({ ok: true, redirectTo: `/checkout/success?session_id=${started.sessionId}` });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      type: "checkout.session.completed",
      data: {
        object: {
          id: started.sessionId,
          client_reference_id: started.checkoutId,
          payment_status: "paid",
          amount_total: 1800 + 695,
          shipping_cost: { amount_total: 695 },
          collected_information: { shipping_details: { name: "Ann Weaver", address: { country: "GB" } } },
        },
      },
    });
  });

  it("Decline and Let it expire send the failure and expiry events and return to checkout", async () => {
    const declined = await openLocalCheckout();
    expect(await send({ checkoutId: declined.checkoutId, intent: "decline" })).toEqual({ ok: true, redirectTo: "/checkout?payment=declined" });
    const expiring = await openLocalCheckout();
    expect(await send({ checkoutId: expiring.checkoutId, intent: "expire" })).toEqual({ ok: true, redirectTo: "/checkout?payment=expired" });
    expect(received.map((event) => [event.type, event.data.object.client_reference_id])).toEqual([
      ["checkout.session.async_payment_failed", declined.checkoutId],
      ["checkout.session.expired", expiring.checkoutId],
    ]);
  });

  it("says so when the webhook refuses the event, instead of pretending the payment went through", async () => {
    const started = await openLocalCheckout();
    answerWith = 500;
    const outcome = await send({ checkoutId: started.checkoutId, intent: "pay", payer });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining("500") });
  });

  it("refuses to pay a checkout that is no longer open, without calling the webhook", async () => {
    const started = await openLocalCheckout();
    await writeTransaction((tx) => tx.update(checkouts).set({ status: "replaced" }).where(eq(checkouts.id, started.checkoutId)));
    const outcome = await send({ checkoutId: started.checkoutId, intent: "pay", payer });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining("no longer open") });
    expect(received).toEqual([]);
  });

  it("refuses a postcode of the wrong shape for the checkout's country, with the field's error, without calling the webhook", async () => {
    const started = await openLocalCheckout("GB");
    const newYork = { ...payer, address: { line1: "350 Fifth Avenue", line2: null, city: "New York", state: null, postal_code: "NY 10118" } };
    const outcome = await send({ checkoutId: started.checkoutId, intent: "pay", payer: newYork });
    expect(outcome).toEqual({ ok: false, message: "Please fix the highlighted fields.", fieldErrors: { postalCode: "Enter a UK postcode, for example SW1A 1AA." } });
    expect(received).toEqual([]);

    const fixed = await send({ checkoutId: started.checkoutId, intent: "pay", payer: { ...payer, address: { ...payer.address, postal_code: "hx7 8aa" } } });
    expect(fixed).toMatchObject({ ok: true });
    expect(received).toHaveLength(1);
  });

  it("Pay with the webhook held back sends nothing; the success page's check then finds the payment at the provider and makes the order once", async () => {
    const started = await openLocalCheckout();
    const declined = await openLocalCheckout();
    expect(await send({ checkoutId: started.checkoutId, intent: "pay", payer, isWebhookHeld: true })).toEqual({
      ok: true,
      redirectTo: `/checkout/success?session_id=${started.sessionId}`,
    });
    expect(await send({ checkoutId: declined.checkoutId, intent: "decline", isWebhookHeld: true })).toMatchObject({ ok: true });
    // Holding back is for a payment only: the decline was still delivered.
    expect(received.map((event) => event.type)).toEqual(["checkout.session.async_payment_failed"]);

    const provider = createLocalProvider();
    expect(await provider.retrieveSession(declined.sessionId)).toEqual({ status: "open", paymentStatus: "unpaid", object: null });
    expect(await provider.retrieveSession(started.sessionId)).toMatchObject({ status: "complete", paymentStatus: "paid", object: { id: started.sessionId } });

    const landedAt = Date.now();
    expect(await confirmCheckoutPayment(started.sessionId, { now: landedAt })).toEqual({ state: "confirming" });
    const confirmed = await confirmCheckoutPayment(started.sessionId, { now: landedAt + PROVIDER_CHECK_POLICY.firstAskAfterMs });
    expect(confirmed).toMatchObject({ state: "paid", order: { maskedEmail: "a…@example.com", deliveryAddress: ["Ann Weaver", "1 Hedgerow Lane", "Hebden Bridge", "HX7 8AA", "United Kingdom"] } });
    const again = await confirmCheckoutPayment(started.sessionId, { now: landedAt + 10 * PROVIDER_CHECK_POLICY.askEveryMs });
    expect(again).toEqual(confirmed);
    const orderRows = await (await db()).select({ id: orders.id }).from(orders).where(eq(orders.checkoutId, started.checkoutId));
    expect(orderRows).toHaveLength(1);
  });
});
