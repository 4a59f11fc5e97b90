import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { chooseShippingOption } from "@/lib/orders/choose-shipping-option";
import type { ShippingOption } from "@/lib/shipping/quote-shipping";
import { paymentFactsFromSession, stripeCheckoutSession } from "@/lib/webhooks/stripe-objects";
import { buildCheckoutSessionEvent, type SessionFacts } from "./build-checkout-session-event";
import { signWebhookPayload } from "./sign-webhook-payload";

const option = (rateId: number, name: string, amount: number): ShippingOption => ({
  rateId,
  name,
  amount,
  regularAmount: amount,
  isFree: false,
  freeOverSubtotal: null,
  minDeliveryDays: 1,
  maxDeliveryDays: 3,
  isTracked: false,
});

const session: SessionFacts = {
  checkoutId: "chk_ann",
  sessionId: "cs_local_ann",
  currency: "GBP",
  subtotal: 3600,
  discountTotal: 360,
  discountCode: "WELCOME10",
  country: "GB",
  email: "ann@example.com",
  expiresAt: "2030-05-01T12:31:00.000Z",
  shippingOptions: [option(1, "Royal Mail 2nd Class", 350), option(3, "Tracked 24", 695)],
};

const payer = { email: "ann@example.com", name: "Ann Weaver", address: { line1: "1 Hedgerow Lane", line2: null, city: "Hebden Bridge", state: null, postal_code: "HX7 8AA" } };
const secret = "whsec_local_test_secret";

describe("events the local payment page sends", () => {
  it("shapes a paid session like Stripe's checkout.session.completed, with the chosen shipping option", () => {
    const event = buildCheckoutSessionEvent({ type: "checkout.session.completed", session, payer, shippingRateId: 3, now: new Date("2030-05-01T12:10:00.000Z") });
    expect(event).toMatchObject({ object: "event", type: "checkout.session.completed", livemode: false, api_version: Stripe.API_VERSION });
    expect(event.id).toMatch(/^evt_local_/);
    expect(event.data.object).toMatchObject({
      id: "cs_local_ann",
      object: "checkout.session",
      client_reference_id: "chk_ann",
      status: "complete",
      payment_status: "paid",
      amount_subtotal: 3600,
      amount_total: 3600 - 360 + 695,
      currency: "gbp",
      customer_details: { email: "ann@example.com", name: "Ann Weaver", address: { line1: "1 Hedgerow Lane", city: "Hebden Bridge", postal_code: "HX7 8AA", country: "GB" } },
      collected_information: { shipping_details: { name: "Ann Weaver", address: { country: "GB", postal_code: "HX7 8AA" } } },
      shipping_cost: { amount_total: 695, shipping_rate: "3" },
      total_details: { amount_discount: 360, amount_shipping: 695, amount_tax: 0 },
      metadata: { checkout_id: "chk_ann" },
      expires_at: Date.parse("2030-05-01T12:31:00.000Z") / 1000,
    });
    expect(event.data.object.payment_intent).toMatch(/^pi_local_/);
    const facts = paymentFactsFromSession(stripeCheckoutSession.parse(event.data.object));
    expect(chooseShippingOption(session.shippingOptions, facts, session.subtotal - session.discountTotal).option?.name).toBe("Tracked 24");
  });

  it("shapes a declined payment and an expired session as Stripe does", () => {
    const declined = buildCheckoutSessionEvent({ type: "checkout.session.async_payment_failed", session, payer });
    expect(declined.data.object).toMatchObject({ status: "complete", payment_status: "unpaid" });
    const expired = buildCheckoutSessionEvent({ type: "checkout.session.expired", session, payer });
    expect(expired.data.object).toMatchObject({ status: "expired", payment_status: "unpaid", payment_intent: null, collected_information: null });
    // Stripe preselects the first (cheapest) option when the shopper picks none.
    expect(expired.data.object.shipping_cost).toMatchObject({ shipping_rate: "1", amount_total: 350 });
  });

  it("signs events so Stripe's own verification accepts them, and rejects tampering", () => {
    const event = buildCheckoutSessionEvent({ type: "checkout.session.completed", session, payer });
    const payload = JSON.stringify(event);
    const header = signWebhookPayload(payload, secret);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const verified = Stripe.webhooks.constructEvent(payload, header, secret);
    expect(verified.id).toBe(event.id);
    expect(() => Stripe.webhooks.constructEvent(payload.replace("3600", "1"), header, secret)).toThrow();
    expect(() => Stripe.webhooks.constructEvent(payload, header, "whsec_someone_else")).toThrow();
  });
});

describe("matching a session's shipping back to the quote", () => {
  const options = [option(1, "Standard", 350), option(2, "Also 350", 350), option(3, "Tracked", 695)];
  const facts = (shippingRateRef: string | null, shippingAmount: number | null) => ({ shippingRateRef, shippingAmount, amountTotal: null });

  it("uses Stripe's own rate id recorded on each option when the session was created, even between options at one price", () => {
    const stripeOptions = options.map((quoted, index) => ({ ...quoted, providerRateId: `shr_${"ABC"[index]}` }));
    expect(chooseShippingOption(stripeOptions, facts("shr_B", 350), 3000).option?.name).toBe("Also 350");
  });

  it("uses our own rate id, as the local provider names it", () => {
    expect(chooseShippingOption(options, facts("3", 695), 3000)).toMatchObject({ option: { name: "Tracked" }, matchedBy: "rate" });
  });

  it("says so when the session carries no shipping that explains an option", () => {
    expect(chooseShippingOption(options, facts(null, null), 3000).option).toBeNull();
  });
});
