// What a checkout and a webhook order cost over a network database: round trips, and those made while the write lock is held.
import { beforeAll, describe, expect, it } from "vitest";
import { traceRoundTrips, type RoundTrip } from "@/lib/db";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { createCart } from "@/tests/factories/cart";
import { createCheckout } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { deliver } from "@/tests/factories/webhook";
import { POST as postCheckout } from "@/app/api/checkout/session/route";
import { PATCH as patchCart, POST as postCart } from "@/app/api/cart/route";

/** `inSequence`: the round trips a request waits for one after another (its critical path); parallel reads count once. */
type Profile = { roundTrips: number; inSequence: number; statements: number; underWriteLock: number; trips: RoundTrip[] };

/** Records every round trip `work` makes (nothing else runs in this test file meanwhile). */
async function profile(work: () => Promise<Response>): Promise<{ response: Response; cost: Profile }> {
  const trips: RoundTrip[] = [];
  const stop = traceRoundTrips((trip) => trips.push(trip));
  try {
    const response = await work();
    return {
      response,
      cost: {
        roundTrips: trips.length,
        inSequence: trips.filter((trip) => !trip.isOverlapping).length,
        statements: trips.reduce((sum, trip) => sum + trip.statements.length, 0),
        underWriteLock: trips.filter((trip) => trip.isUnderWriteLock).length,
        trips,
      },
    };
  } finally {
    stop();
  }
}

/** What the assertions compare: the counts, not the statements' text. */
const counts = ({ roundTrips, inSequence, statements, underWriteLock }: Profile) => ({ roundTrips, inSequence, statements, underWriteLock });

/** The profile as lines of SQL, printed when PROFILE_ROUND_TRIPS is set. */
function printProfile(name: string, cost: Profile): void {
  if (!process.env.PROFILE_ROUND_TRIPS) return;
  const lines = cost.trips.map(
    (trip, index) => `${String(index + 1).padStart(2)} ${trip.isUnderWriteLock ? "LOCK" : "    "} ${trip.isOverlapping ? "∥" : " "} ${trip.statements.map((s) => s.replace(/\s+/g, " ").slice(0, 140)).join("\n        ; ")}`,
  );
  console.log(`${name}: ${cost.roundTrips} round trips (${cost.inSequence} in sequence), ${cost.statements} statements, ${cost.underWriteLock} under the write lock\n${lines.join("\n")}`);
}

describe("round trips per request (what a request costs against Turso)", () => {
  beforeAll(async () => {
    await createYarnShopShipping();
    await createDiscountCode({ code: "KNIT10", kind: "percent", value: 10, usageLimit: 100 });
  });

  it("a checkout with a discount quotes, reserves and opens its payment session in a handful of round trips", async () => {
    const yarn = await createVariant({ price: 1800, stock: 10, weightGrams: 100 });
    const mohair = await createVariant({ price: 2400, stock: 10, weightGrams: 50 });
    const cartId = await createCart([
      { variantId: yarn.variantId, quantity: 2 },
      { variantId: mohair.variantId, quantity: 1 },
    ]);

    const { response, cost } = await profile(() =>
      postCheckout(checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB", email: "ann@example.com", discountCode: "KNIT10" } }), noParams),
    );
    printProfile("checkout", cost);
    expect(response.status).toBe(200);
    // Before: 18 round trips in sequence, 18 statements, 9 of them under the write lock (two interactive transactions).
    // Now: three waits to read and price the cart, one batch to open and reserve (its two named guards,
    // discount and stock, are statements of that batch), one batch to attach the session and move the
    // stock hold to the deadline the session was given. One more read, after the quote: which shop
    // update governs the cart's variants (not live, per-customer limits, the update's shorter hold);
    // beside the first read, not after it, the look for shop-update holds that ended with their session open.
    // With an email, beside the pricing: the shopper's unshipped order of the same update (one parcel per customer).
    expect(counts(cost)).toEqual({
      roundTrips: 12,
      inSequence: 6,
      statements: 18,
      underWriteLock: 2,
    });
  });

  it("an add to a cart that already holds lines takes one round trip under the write lock", async () => {
    const yarn = await createVariant({ price: 1800, stock: 10 });
    const mohair = await createVariant({ price: 2400, stock: 10 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);

    const { response, cost } = await profile(() => postCart(checkoutRequest("/api/cart", { cartId, body: { variantId: mohair.variantId, quantity: 2 } }), noParams));
    printProfile("add to cart", cost);
    expect(response.status).toBe(200);
    // Before: BEGIN, the line, the stock, the cart, the line's upsert, COMMIT (five under the lock),
    // then the cart read (five round trips, three in sequence). Now: the line and the stock, one
    // batch (the cart, the named guard, the line), then the same cart read. The shop update governing
    // the variant is read beside the line, so it adds a statement but no wait.
    expect(counts(cost)).toEqual({
      roundTrips: 9,
      inSequence: 5,
      statements: 11,
      underWriteLock: 1,
    });
  });

  it("setting a line's quantity takes one round trip under the write lock", async () => {
    const yarn = await createVariant({ price: 1800, stock: 10 });
    const mohair = await createVariant({ price: 2400, stock: 10 });
    const cartId = await createCart([
      { variantId: yarn.variantId, quantity: 1 },
      { variantId: mohair.variantId, quantity: 1 },
    ]);

    const { response, cost } = await profile(() =>
      patchCart(checkoutRequest("/api/cart", { cartId, method: "PATCH", body: { variantId: mohair.variantId, quantity: 3 } }), noParams),
    );
    printProfile("set quantity", cost);
    expect(response.status).toBe(200);
    // Before: the same five under the lock as an add. Now: the line (beside it, its shop update) and the stock, one batch, the cart read.
    expect(counts(cost)).toEqual({
      roundTrips: 9,
      inSequence: 5,
      statements: 11,
      underWriteLock: 1,
    });
  });

  it("a paid checkout becomes an order in one write batch: one round trip under the write lock", async () => {
    const yarn = await createVariant({ price: 1800, stock: 10, weightGrams: 100 });
    const mohair = await createVariant({ price: 2400, stock: 10, weightGrams: 50 });
    const checkout = await createCheckout({
      lines: [
        { variant: yarn, quantity: 2 },
        { variant: mohair, quantity: 1 },
      ],
    });

    const { response, cost } = await profile(() => deliver(buildCheckoutSessionEvent(checkout)));
    printProfile("webhook order", cost);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { note: string }).note).toBe("Order created and paid.");
    // Before: 39 round trips, 37 in sequence, 35 of them under the write lock (one interactive transaction).
    // Now: the checkout and the event id, then the order, settings and availability (in parallel),
    // then the plan's named guards (one statement) and every write — customer, order, items, stock
    // and ledger, hold, cart, email, checkout, events and the event id — as one batch: the lock is
    // held for one round trip.
    expect(counts(cost)).toEqual({
      roundTrips: 6,
      inSequence: 3,
      statements: 18,
      underWriteLock: 1,
    });
  });
});
