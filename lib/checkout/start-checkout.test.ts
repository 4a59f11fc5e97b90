import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkouts, stockReservations } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { openClient } from "@/lib/db/client";
import { createStripeProvider } from "@/lib/payments/stripe/stripe-provider";
import { createCart } from "@/tests/factories/cart";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { type FakeStripe, startFakeStripe } from "@/tests/factories/fake-stripe";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { RESERVATION_GRACE_MS } from "./checkout-expiry";
import { checkoutInput } from "./checkout-input";
import { startCheckout } from "./start-checkout";
import { httpStatusOf } from "@/lib/http/errors";

const FAKE_STRIPE_PORT = 3144;
/** Nothing listens here: a provider that cannot be reached at all. */
const DEAD_PORT = 3149;
let fake: FakeStripe;

const stripeAt = (port: number) =>
  createStripeProvider({ secretKey: "sk_test_checkout", host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0, timeoutMs: 2000 });

const input = (body: Record<string, unknown>) => checkoutInput.parse(body);

async function rowsOf(cartId: string) {
  return withFreshClient(async (read) => {
    const rows = await read.select().from(checkouts).where(eq(checkouts.cartId, cartId));
    const reservations = rows.length
      ? await read.select().from(stockReservations).where(eq(stockReservations.checkoutId, rows[0]!.id))
      : [];
    return { rows, reservations };
  });
}

/** Another process's connection on the same file, holding the write lock until released. */
async function holdWriteLock() {
  const client = await openClient({ url: process.env.DATABASE_URL! });
  const transaction = await client.transaction("write");
  await transaction.execute("INSERT INTO site_settings (key, value) VALUES ('lock-holder', '1') ON CONFLICT DO NOTHING");
  return {
    release: async () => {
      await transaction.rollback();
      client.close();
    },
  };
}

const realSleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MINUTE = 60 * 1000;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("starting a checkout with Stripe", () => {
  beforeAll(async () => {
    await createYarnShopShipping();
    fake = await startFakeStripe(FAKE_STRIPE_PORT);
  });
  afterAll(async () => {
    await fake.close();
  });
  // Session ids must stay unique across the file's tests (the column is unique), so only the log is cleared.
  beforeEach(() => {
    fake.requests.length = 0;
    fake.mode = "ok";
  });

  it("stores Stripe's session and offers only the destination's rates, keyed by the checkout id", async () => {
    const yarn = await createVariant({ price: 2000, weightGrams: 100 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const started = await startCheckout({ cartId, input: input({ country: "DE" }), provider: stripeAt(FAKE_STRIPE_PORT) });
    expect(started.sessionId).toMatch(/^cs_test_fake_\d+$/);
    expect(started.url).toBe(`https://checkout.stripe.test/c/pay/${started.sessionId}`);

    const [create] = fake.requests;
    expect(create!.headers["idempotency-key"]).toBe(started.checkoutId);
    expect(create!.form.client_reference_id).toBe(started.checkoutId);
    expect(create!.form["metadata[checkout_id]"]).toBe(started.checkoutId);
    expect(create!.form["shipping_address_collection[allowed_countries][0]"]).toBe("DE");
    expect(create!.form["shipping_address_collection[allowed_countries][1]"]).toBeUndefined();
    const offered = Object.entries(create!.form)
      .filter(([key]) => key.endsWith("[display_name]"))
      .map(([, value]) => value);
    expect(offered).toEqual(["International Standard"]);
    expect(create!.form.expires_at).toBe(String(Math.floor(Date.parse(started.expiresAt) / 1000)));

    const { rows } = await rowsOf(cartId);
    expect(rows[0]).toMatchObject({ status: "open", paymentProvider: "stripe", paymentSessionId: started.sessionId, paymentUrl: started.url });
  });

  it("gives the session Stripe's 30 minutes from when Stripe gets it, after a lock wait and a slow coupon call, and holds the stock longer", async () => {
    const yarn = await createVariant({ price: 2000, stock: 3 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 2 }]);
    const code = await createDiscountCode({ value: 10 });
    // Only Date is faked: sockets, timers and the database are real, while the clock jumps as a slow minute would.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    fake.beforeAnswer = (request) => {
      if (request.path === "/v1/coupons") vi.setSystemTime(request.receivedAt + 3 * MINUTE);
    };
    let started;
    try {
      const holder = await holdWriteLock();
      const starting = startCheckout({ cartId, input: input({ country: "GB", discountCode: code.code }), provider: stripeAt(FAKE_STRIPE_PORT) });
      await realSleep(400);
      // Still waiting for the lock: nothing has reached Stripe.
      expect(fake.requests).toEqual([]);
      vi.setSystemTime(Date.now() + 10_000);
      await holder.release();
      started = await starting;
    } finally {
      vi.useRealTimers();
    }

    const coupon = fake.requests.find((request) => request.path === "/v1/coupons")!;
    const create = fake.requests.find((request) => request.path === "/v1/checkout/sessions")!;
    const expiresAt = Number(create.form.expires_at) * 1000;
    expect(expiresAt).toBeGreaterThanOrEqual(create.receivedAt + 30 * MINUTE);
    expect(Number(coupon.form.redeem_by) * 1000).toBeGreaterThanOrEqual(expiresAt);
    expect(Date.parse(started.expiresAt)).toBe(expiresAt);

    const { rows, reservations } = await rowsOf(cartId);
    expect(rows[0]!.quote.paymentExpiresAt).toBe(started.expiresAt);
    expect(Date.parse(rows[0]!.expiresAt)).toBe(expiresAt + RESERVATION_GRACE_MS);
    expect(reservations).toEqual([expect.objectContaining({ quantity: 2 })]);
    for (const hold of reservations) expect(Date.parse(hold.expiresAt)).toBe(expiresAt + RESERVATION_GRACE_MS);
  });

  it("releases the reservation and marks the checkout failed when Stripe refuses, answering 502", async () => {
    const lastSkein = await createVariant({ stock: 1 });
    const cartId = await createCart([{ variantId: lastSkein.variantId, quantity: 1 }]);
    fake.mode = "fail";
    const error = await failure(startCheckout({ cartId, input: input({ country: "GB" }), provider: stripeAt(FAKE_STRIPE_PORT) }));
    expect(error.code).toBe("payment_provider_error");
    expect(httpStatusOf(error)).toBe(502);
    expect(error.message).toMatch(/nothing has been charged/i);

    const { rows, reservations } = await rowsOf(cartId);
    expect(rows).toEqual([expect.objectContaining({ status: "failed", paymentSessionId: null })]);
    expect(rows[0]!.failureReason).toMatch(/fake Stripe/);
    expect(reservations).toEqual([]);

    // The unit is back on the shelf: the next shopper can have it.
    fake.mode = "ok";
    const nextCart = await createCart([{ variantId: lastSkein.variantId, quantity: 1 }]);
    const next = await startCheckout({ cartId: nextCart, input: input({ country: "GB" }), provider: stripeAt(FAKE_STRIPE_PORT) });
    expect((await rowsOf(nextCart)).reservations).toEqual([expect.objectContaining({ checkoutId: next.checkoutId, quantity: 1 })]);
  });

  it("releases the reservation when Stripe cannot be reached at all", async () => {
    const yarn = await createVariant({ stock: 2 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 2 }]);
    const error = await failure(startCheckout({ cartId, input: input({ country: "GB" }), provider: stripeAt(DEAD_PORT) }));
    expect(error.code).toBe("payment_provider_error");
    const { rows, reservations } = await rowsOf(cartId);
    expect(rows[0]!.status).toBe("failed");
    expect(reservations).toEqual([]);
  });

  it("expires the Stripe session of the checkout it replaces", async () => {
    const yarn = await createVariant();
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const first = await startCheckout({ cartId, input: input({ country: "GB" }), provider: stripeAt(FAKE_STRIPE_PORT) });
    await startCheckout({ cartId, input: input({ country: "GB" }), provider: stripeAt(FAKE_STRIPE_PORT) });
    expect(fake.requests.map((request) => request.path)).toContain(`/v1/checkout/sessions/${first.sessionId}/expire`);
  });
});
