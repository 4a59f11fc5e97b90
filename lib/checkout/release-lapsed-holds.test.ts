import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkouts, stockReservations } from "@/lib/db/schema";
import { createStripeProvider } from "@/lib/payments/stripe/stripe-provider";
import { createCart } from "@/tests/factories/cart";
import { type FakeStripe, startFakeStripe } from "@/tests/factories/fake-stripe";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { createShippingRate } from "@/tests/factories/shipping";
import { createShopUpdate } from "@/tests/factories/shop-update";
import { checkoutInput } from "./checkout-input";
import { startCheckout } from "./start-checkout";

const FAKE_STRIPE_PORT = 3486;
let fake: FakeStripe;
const stripe = () => createStripeProvider({ secretKey: "sk_test_holds", host: "127.0.0.1", port: FAKE_STRIPE_PORT, protocol: "http", maxNetworkRetries: 0, timeoutMs: 2000 });
const input = checkoutInput.parse({ country: "GB" });

beforeAll(async () => {
  fake = await startFakeStripe(FAKE_STRIPE_PORT);
  await createShippingRate({ country: "GB" });
});
afterAll(() => fake.close());

describe("a shop update's hold ending before its payment session", () => {
  it("the next shopper's checkout gets the last skein, expires the lapsed shopper's Stripe session and marks the checkout expired", async () => {
    const skein = await createVariant({ stock: 1 });
    await createShopUpdate({ liveAt: new Date(Date.now() - 60 * 60_000).toISOString(), holdMinutes: 10, items: [{ variantId: skein.variantId }] });
    // Started eleven minutes ago: its hold has ended, its session (31 minutes) has not.
    const first = await startCheckout({ cartId: await createCart([{ variantId: skein.variantId, quantity: 1 }]), input, provider: stripe(), now: new Date(Date.now() - 11 * 60_000) });

    const secondCart = await createCart([{ variantId: skein.variantId, quantity: 1 }]);
    const second = await startCheckout({ cartId: secondCart, input, provider: stripe() });

    expect(fake.requests.map((request) => request.path)).toContain(`/v1/checkout/sessions/${first.sessionId}/expire`);
    const [lapsed] = await withFreshClient((reader) => reader.select().from(checkouts).where(eq(checkouts.id, first.checkoutId)));
    expect(lapsed!.status).toBe("expired");
    const holds = await withFreshClient((reader) => reader.select().from(stockReservations).where(eq(stockReservations.variantId, skein.variantId)));
    expect(holds).toEqual([expect.objectContaining({ checkoutId: second.checkoutId, quantity: 1 })]);
  });

  it("leaves a usual checkout's session alone while its hold lasts", async () => {
    const yarn = await createVariant({ stock: 5 });
    const first = await startCheckout({ cartId: await createCart([{ variantId: yarn.variantId, quantity: 1 }]), input, provider: stripe(), now: new Date(Date.now() - 11 * 60_000) });
    await startCheckout({ cartId: await createCart([{ variantId: yarn.variantId, quantity: 1 }]), input, provider: stripe() });
    const [row] = await withFreshClient((reader) => reader.select().from(checkouts).where(eq(checkouts.id, first.checkoutId)));
    expect(row!.status).toBe("open");
    expect(fake.requests.map((request) => request.path)).not.toContain(`/v1/checkout/sessions/${first.sessionId}/expire`);
  });
});
