import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkouts, orders } from "@/lib/db/schema";
import { createStripeProvider } from "@/lib/payments/stripe/stripe-provider";
import { createCart } from "@/tests/factories/cart";
import { startFakeStripe, type FakeStripe } from "@/tests/factories/fake-stripe";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { createShippingZone } from "@/tests/factories/shipping";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { deliver } from "@/tests/factories/webhook";
import { checkoutInput } from "./checkout-input";
import { readCheckoutQuote } from "./read-checkout-quote";
import { startCheckout } from "./start-checkout";

const FAKE_STRIPE_PORT = 3221;
let fake: FakeStripe;

const stripe = () =>
  createStripeProvider({ secretKey: "sk_test_rates", host: "127.0.0.1", port: FAKE_STRIPE_PORT, protocol: "http", maxNetworkRetries: 0, timeoutMs: 2000 });

describe("Stripe's shipping rate ids", () => {
  beforeAll(async () => {
    fake = await startFakeStripe(FAKE_STRIPE_PORT);
    // Two services at one price: only Stripe's rate id can say which one the shopper chose.
    await createShippingZone({
      countries: ["FR"],
      rates: [
        { name: "La Poste Colissimo", price: 950, minDeliveryDays: 3, maxDeliveryDays: 5 },
        { name: "DPD Predict", price: 950, minDeliveryDays: 2, maxDeliveryDays: 3, isTracked: true },
      ],
    });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("are recorded per option when the session is created, and the order records the option chosen, not the first at that price", async () => {
    const yarn = await createVariant({ price: 2200, stock: 4 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const started = await startCheckout({ cartId, input: checkoutInput.parse({ country: "FR", email: "zoe@example.com" }), provider: stripe() });

    const [checkout] = await withFreshClient((db) => db.select().from(checkouts).where(eq(checkouts.id, started.checkoutId)));
    const quote = readCheckoutQuote(checkout!.quote);
    expect(quote.shippingOptions.map((option) => [option.name, option.amount, option.providerRateId])).toEqual([
      ["La Poste Colissimo", 950, "shr_fake_1_0"],
      ["DPD Predict", 950, "shr_fake_1_1"],
    ]);

    // Stripe names the chosen rate by its own id in shipping_cost.
    const event = buildCheckoutSessionEvent(checkout!, { shippingOptionIndex: 1 });
    const session = event.data.object as { shipping_cost: { shipping_rate: string | null }; shipping_options: { shipping_rate: string | null }[] };
    session.shipping_cost.shipping_rate = "shr_fake_1_1";
    session.shipping_options = session.shipping_options.map((option, index) => ({ ...option, shipping_rate: `shr_fake_1_${index}` }));
    const response = await deliver(event);
    expect(response.status).toBe(200);

    const [order] = await withFreshClient((db) => db.select().from(orders).where(eq(orders.checkoutId, started.checkoutId)));
    expect(order).toMatchObject({ shippingMethod: "DPD Predict", shippingTotal: 950, status: "processing", flags: [] });
  });
});
