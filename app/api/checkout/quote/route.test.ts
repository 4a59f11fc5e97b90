import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { statementCount } from "@/lib/db";
import { checkouts, stockReservations } from "@/lib/db/schema";
import type { BuiltQuote } from "@/lib/checkout/build-checkout-quote";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { createCart } from "@/tests/factories/cart";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant, createVariants } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { POST as startSession } from "../session/route";
import { POST } from "./route";

type ErrorJson = { error: { code: string; message: string; details?: unknown } };

const quote = (cartId: string | null, body: unknown) => POST(checkoutRequest("/api/checkout/quote", { cartId, body }), noParams);

async function writesSoFar() {
  return withFreshClient(async (read) => {
    const [c] = await read.select({ n: sql<number>`count(*)` }).from(checkouts);
    const [r] = await read.select({ n: sql<number>`count(*)` }).from(stockReservations);
    return { checkouts: c!.n, reservations: r!.n };
  });
}

describe("POST /api/checkout/quote", () => {
  beforeAll(async () => {
    await createYarnShopShipping();
    await createDiscountCode({ code: "WELCOME10", kind: "percent", value: 10 });
  });

  it("prices the cart for the chosen country without writing anything", async () => {
    const yarn = await createVariant({ price: 1200, weightGrams: 100 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 2 }]);
    const before = await writesSoFar();

    const res = await quote(cartId, { country: "US", discountCode: "Welcome10" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as BuiltQuote;
    expect(body.quote).toMatchObject({
      country: "US",
      countryName: "United States",
      currency: "GBP",
      itemCount: 2,
      weightGrams: 200,
      subtotal: 2400,
      discount: { code: "WELCOME10", amount: 240 },
      shipping: 1695,
      total: 2400 - 240 + 1695,
    });
    expect(body.quote.shippingOptions.map((option) => option.name)).toEqual(["International Tracked"]);
    expect(body.lines).toEqual([expect.objectContaining({ variantId: yarn.variantId, quantity: 2, lineTotal: 2400 })]);
    expect(await writesSoFar()).toEqual(before);
  });

  it("shows UK standard shipping as free over the threshold, and charges it again when a discount takes the goods below it", async () => {
    const yarn = await createVariant({ price: 2600, weightGrams: 100 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 2 }]);
    const free = ((await (await quote(cartId, { country: "GB" })).json()) as BuiltQuote).quote;
    expect(free.shippingOptions[0]).toMatchObject({ name: "Royal Mail 2nd Class", amount: 0, isFree: true });
    expect(free.total).toBe(5200);

    const discounted = ((await (await quote(cartId, { country: "GB", discountCode: "WELCOME10" })).json()) as BuiltQuote).quote;
    expect(discounted.shippingOptions[0]).toMatchObject({ name: "Royal Mail 2nd Class", amount: 350, isFree: false });
    expect(discounted.total).toBe(5200 - 520 + 350);
  });

  it("reads the same number of statements for 50 lines as for 1", async () => {
    const [single] = await createVariants(1);
    const many = await createVariants(50);
    const small = await createCart([{ variantId: single!.variantId, quantity: 1 }]);
    const big = await createCart(many.map((variant) => ({ variantId: variant.variantId, quantity: 1 })));
    const measure = async (cartId: string) => {
      const before = statementCount();
      expect((await quote(cartId, { country: "GB" })).status).toBe(200);
      return statementCount() - before;
    };
    expect(await measure(big)).toBe(await measure(small));
  });

  it("does not count the shopper's own open checkout against them", async () => {
    const yarn = await createVariant({ stock: 2 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 2 }]);
    expect((await startSession(checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB" } }), noParams)).status).toBe(200);
    expect((await quote(cartId, { country: "GB" })).status).toBe(200);
    // Someone else's cart sees the stock as held.
    const otherCart = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const res = await quote(otherCart, { country: "GB" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error.details).toEqual([{ variantId: yarn.variantId, requested: 1, available: 0 }]);
  });

  it("explains a refusal the shopper can act on", async () => {
    const yarn = await createVariant();
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const noShipping = (await (await quote(cartId, { country: "KP" })).json()) as ErrorJson;
    expect(noShipping.error.code).toBe("no_shipping_rate");
    const badCode = (await (await quote(cartId, { country: "GB", discountCode: "FREESTUFF" })).json()) as ErrorJson;
    expect(badCode.error).toMatchObject({ code: "discount_not_applicable", details: { reason: "not_valid" } });
    expect((await quote(cartId, { country: "" })).status).toBe(400);
  });
});
