import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeStripe, startFakeStripe } from "@/tests/factories/fake-stripe";
import type { PaymentSessionRequest } from "../payment-provider";
import { createStripeProvider, STRIPE_API_VERSION } from "./stripe-provider";

// A local HTTP server stands in for api.stripe.com; the real SDK talks to it over the loopback.
const PORT = 3143;
let fake: FakeStripe;

const provider = () =>
  createStripeProvider({ secretKey: "sk_test_checkout", host: "127.0.0.1", port: PORT, protocol: "http", maxNetworkRetries: 0 });

const usShopper: PaymentSessionRequest = {
  checkoutId: "chk_us_shopper",
  currency: "GBP",
  email: "sam@example.com",
  country: "US",
  lines: [
    { variantId: 11, productName: "Merino DK", variantName: "Heather / DK", sku: "MER-DK-HEA", unitPrice: 1850, quantity: 2 },
    { variantId: 12, productName: "Mohair Lace", variantName: "Moss", sku: "MOH-LACE-MOS", unitPrice: 1400, quantity: 1 },
  ],
  discount: { code: "WELCOME10", amount: 510 },
  shippingOptions: [
    { rateId: 7, name: "International Tracked", amount: 1695, regularAmount: 1695, isFree: false, freeOverSubtotal: null, minDeliveryDays: 5, maxDeliveryDays: 10, isTracked: true },
    { rateId: 8, name: "International Express", amount: 3495, regularAmount: 3495, isFree: false, freeOverSubtotal: null, minDeliveryDays: 0, maxDeliveryDays: 3, isTracked: true },
  ],
  paymentWindowMs: 31 * 60 * 1000,
  successUrl: "https://shop.example/checkout/success?session_id={CHECKOUT_SESSION_ID}",
  cancelUrl: "https://shop.example/checkout?payment=cancelled",
};

describe("the Stripe Checkout adapter", () => {
  beforeAll(async () => {
    fake = await startFakeStripe(PORT);
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    // Only Date is faked: the deadlines sent are exact, the sockets and timers real.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2030-05-01T12:00:00.000Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("creates a single-use coupon worth exactly the discount, keyed to the checkout", async () => {
    await provider().createSession(usShopper);
    const [coupon] = fake.requests;
    expect(coupon).toMatchObject({ method: "POST", path: "/v1/coupons" });
    expect(coupon!.headers["idempotency-key"]).toBe("chk_us_shopper:coupon");
    expect(coupon!.headers.authorization).toBe("Bearer sk_test_checkout");
    expect(coupon!.form).toEqual({
      amount_off: "510",
      currency: "gbp",
      duration: "once",
      max_redemptions: "1",
      // Ten minutes past the session's deadline: the coupon call itself may be slow.
      redeem_by: String(Date.parse("2030-05-01T12:41:00.000Z") / 1000),
      name: "WELCOME10",
      "metadata[checkout_id]": "chk_us_shopper",
      "metadata[discount_code]": "WELCOME10",
    });
  });

  it("sends exactly the lines, discount, this country's shipping options and address restriction, expiry and metadata", async () => {
    const session = await provider().createSession(usShopper);
    expect(session).toEqual({
      sessionId: "cs_test_fake_1",
      url: "https://checkout.stripe.test/c/pay/cs_test_fake_1",
      expiresAt: "2030-05-01T12:31:00.000Z",
      // Stripe's own ids of the two shipping options, in the order sent.
      shippingRateIds: ["shr_fake_1_0", "shr_fake_1_1"],
    });

    const create = fake.requests[1]!;
    expect(create).toMatchObject({ method: "POST", path: "/v1/checkout/sessions" });
    expect(create.headers["idempotency-key"]).toBe("chk_us_shopper");
    expect(create.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(create.form).toEqual({
      mode: "payment",
      client_reference_id: "chk_us_shopper",
      customer_email: "sam@example.com",
      "line_items[0][quantity]": "2",
      "line_items[0][price_data][currency]": "gbp",
      "line_items[0][price_data][unit_amount]": "1850",
      "line_items[0][price_data][product_data][name]": "Merino DK – Heather / DK",
      "line_items[0][price_data][product_data][metadata][variant_id]": "11",
      "line_items[0][price_data][product_data][metadata][sku]": "MER-DK-HEA",
      "line_items[1][quantity]": "1",
      "line_items[1][price_data][currency]": "gbp",
      "line_items[1][price_data][unit_amount]": "1400",
      "line_items[1][price_data][product_data][name]": "Mohair Lace – Moss",
      "line_items[1][price_data][product_data][metadata][variant_id]": "12",
      "line_items[1][price_data][product_data][metadata][sku]": "MOH-LACE-MOS",
      "discounts[0][coupon]": "co_fake_1",
      "shipping_address_collection[allowed_countries][0]": "US",
      "shipping_options[0][shipping_rate_data][type]": "fixed_amount",
      "shipping_options[0][shipping_rate_data][display_name]": "International Tracked",
      "shipping_options[0][shipping_rate_data][fixed_amount][amount]": "1695",
      "shipping_options[0][shipping_rate_data][fixed_amount][currency]": "gbp",
      "shipping_options[0][shipping_rate_data][delivery_estimate][minimum][unit]": "business_day",
      "shipping_options[0][shipping_rate_data][delivery_estimate][minimum][value]": "5",
      "shipping_options[0][shipping_rate_data][delivery_estimate][maximum][unit]": "business_day",
      "shipping_options[0][shipping_rate_data][delivery_estimate][maximum][value]": "10",
      "shipping_options[0][shipping_rate_data][metadata][shipping_rate_id]": "7",
      "shipping_options[1][shipping_rate_data][type]": "fixed_amount",
      "shipping_options[1][shipping_rate_data][display_name]": "International Express",
      "shipping_options[1][shipping_rate_data][fixed_amount][amount]": "3495",
      "shipping_options[1][shipping_rate_data][fixed_amount][currency]": "gbp",
      "shipping_options[1][shipping_rate_data][delivery_estimate][maximum][unit]": "business_day",
      "shipping_options[1][shipping_rate_data][delivery_estimate][maximum][value]": "3",
      "shipping_options[1][shipping_rate_data][metadata][shipping_rate_id]": "8",
      expires_at: String(Date.parse("2030-05-01T12:31:00.000Z") / 1000),
      success_url: "https://shop.example/checkout/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://shop.example/checkout?payment=cancelled",
      "metadata[checkout_id]": "chk_us_shopper",
      "payment_intent_data[metadata][checkout_id]": "chk_us_shopper",
    });
  });

  it("takes the session's deadline after the coupon call, so a slow coupon call cannot shorten it", async () => {
    fake.beforeAnswer = (request) => {
      if (request.path === "/v1/coupons") vi.setSystemTime(request.receivedAt + 4 * 60 * 1000);
    };
    const session = await provider().createSession(usShopper);
    const create = fake.requests.find((request) => request.path === "/v1/checkout/sessions")!;
    expect(create.receivedAt).toBe(Date.parse("2030-05-01T12:04:00.000Z"));
    expect(create.form.expires_at).toBe(String(Date.parse("2030-05-01T12:35:00.000Z") / 1000));
    expect(session.expiresAt).toBe("2030-05-01T12:35:00.000Z");
  });

  it("never asks Stripe for a session shorter than its 30-minute minimum, plus a minute in flight", async () => {
    const session = await provider().createSession({ ...usShopper, checkoutId: "chk_short", paymentWindowMs: 10 * 60 * 1000 });
    expect(session.expiresAt).toBe("2030-05-01T12:31:00.000Z");
  });

  it("sends no coupon and no discounts when the shopper has no code, and no email when none was given", async () => {
    await provider().createSession({ ...usShopper, checkoutId: "chk_plain", discount: null, email: null });
    expect(fake.requests.map((request) => request.path)).toEqual(["/v1/checkout/sessions"]);
    const keys = Object.keys(fake.requests[0]!.form);
    expect(keys.some((key) => key.startsWith("discounts"))).toBe(false);
    expect(keys).not.toContain("customer_email");
    expect(fake.requests[0]!.headers["idempotency-key"]).toBe("chk_plain");
  });

  it("pins the API version the installed SDK was built for and sends it on every request", async () => {
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
    await provider().createSession(usShopper);
    expect(fake.requests.map((request) => request.headers["stripe-version"])).toEqual([STRIPE_API_VERSION, STRIPE_API_VERSION]);
  });

  it("expires a replaced checkout's session", async () => {
    await provider().expireSession("cs_test_old");
    expect(fake.requests).toEqual([expect.objectContaining({ method: "POST", path: "/v1/checkout/sessions/cs_test_old/expire" })]);
  });

  it("fails loudly when Stripe answers with an error", async () => {
    fake.mode = "fail";
    await expect(provider().createSession(usShopper)).rejects.toThrow(/fake Stripe/);
  });
});
