import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkouts, stockReservations } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { createStripeProvider } from "@/lib/payments/stripe/stripe-provider";
import { createCart } from "@/tests/factories/cart";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { type FakeStripe, startFakeStripe } from "@/tests/factories/fake-stripe";
import { withFreshClient } from "@/tests/factories/fresh-client";
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
