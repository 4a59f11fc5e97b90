import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkouts, stockReservations } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { createCart } from "@/tests/factories/cart";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { POST } from "./route";

type ErrorJson = { error: { code: string; message: string; details?: unknown } };

/** A request as a script sends it: its own X-Forwarded-For, which nothing vouches for without a trusted proxy. */
function scripted(cartId: string, body: unknown, address: string) {
  const request = checkoutRequest("/api/checkout/session", { cartId, body });
  request.headers.set("x-forwarded-for", address);
  return request;
}

/** Units of the variant that live checkouts hold, read through a fresh client. */
const heldUnits = (variantId: number) =>
  withFreshClient(async (reader) => {
    const [row] = await reader
      .select({ held: sql<number>`coalesce(sum(${stockReservations.quantity}), 0)` })
      .from(stockReservations)
      .where(eq(stockReservations.variantId, variantId));
    return Number(row!.held);
  });

const checkoutsOf = (cartId: string) => withFreshClient((reader) => reader.select({ id: checkouts.id }).from(checkouts).where(eq(checkouts.cartId, cartId)));

function setEnv(name: "TRUSTED_PROXY" | "CHECKOUT_ABUSE_LIMITS", value: string) {
  process.env[name] = value;
  resetEnvForTests();
}

const vitestTrustedProxy = process.env.TRUSTED_PROXY;

beforeAll(async () => {
  await createYarnShopShipping();
});

beforeEach(() => {
  // The shop as deployed with no proxy setting: every request's address is unknown.
  setEnv("TRUSTED_PROXY", "none");
});

afterEach(() => {
  process.env.TRUSTED_PROXY = vitestTrustedProxy;
  delete process.env.CHECKOUT_ABUSE_LIMITS;
  resetEnvForTests();
});

describe("what one checkout, and one script, can hold without a trusted proxy", () => {
  it("refuses a checkout line above the per-item cap with 409 quantity_limit naming the cap, writing nothing", async () => {
    const colourway = await createVariant({ stock: 30, price: 1800, weightGrams: 50 });
    const cartId = await createCart([{ variantId: colourway.variantId, quantity: 30 }]);
    const response = await POST(scripted(cartId, { country: "GB", email: "one-big-order@example.com" }, "203.0.113.50"), noParams);
    expect(response.status).toBe(409);
    const body = (await response.json()) as ErrorJson;
    expect(body.error.code).toBe("quantity_limit");
    expect(body.error.message).toMatch(/at most 10 of each item/);
    expect(body.error.details).toEqual([{ variantId: colourway.variantId, requested: 30, maxQuantity: 10 }]);
    expect(await checkoutsOf(cartId)).toEqual([]);
    expect(await heldUnits(colourway.variantId)).toBe(0);
  });

  it("keeps the cap when the abuse limits are off for a load test: it is the shop's rule, not a throttle", async () => {
    setEnv("CHECKOUT_ABUSE_LIMITS", "off");
    const colourway = await createVariant({ stock: 30, price: 1800, weightGrams: 50 });
    const cartId = await createCart([{ variantId: colourway.variantId, quantity: 11 }]);
    const response = await POST(scripted(cartId, { country: "GB" }, "203.0.113.51"), noParams);
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorJson).error.code).toBe("quantity_limit");
    expect(await heldUnits(colourway.variantId)).toBe(0);
  });

  it("lets 12 scripted checkouts from 12 fresh carts hold two carts' worth, and a real shopper still buys", async () => {
    const colourway = await createVariant({ stock: 30, price: 1800, weightGrams: 50 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const cartId = await createCart([{ variantId: colourway.variantId, quantity: 10 }]);
      // A new address and a new +tag each time: neither makes a new shopper.
      const response = await POST(scripted(cartId, { country: "GB", email: `hoarder+${i}@example.com` }, `198.51.100.${i + 1}`), noParams);
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(((await response.json()) as ErrorJson).error.code).toBe("too_many_requests");
      }
    }
    expect(statuses).toEqual([200, 200, ...Array(10).fill(429)]);
    expect(await heldUnits(colourway.variantId)).toBe(20);

    const shopperCart = await createCart([{ variantId: colourway.variantId, quantity: 4 }]);
    const shopper = await POST(scripted(shopperCart, { country: "GB", email: "knitter@example.com" }, "192.0.2.77"), noParams);
    expect(shopper.status).toBe(200);
  });
});
