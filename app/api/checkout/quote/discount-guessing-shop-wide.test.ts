import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCart } from "@/tests/factories/cart";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { POST as quote } from "./route";

// Its own file: the shop-wide budget is one counter for the whole process, which this test spends.
let variantId: number;

beforeAll(async () => {
  await createYarnShopShipping();
  variantId = (await createVariant({ price: 1800, stock: 500, weightGrams: 100 })).variantId;
  await createDiscountCode({ code: "WELCOME10", kind: "percent", value: 10 });
  // The shop-wide budget counts in 10-minute windows: pin the clock inside one, so the window
  // cannot turn halfway through the test.
  const windowStart = Math.floor(Date.now() / 600_000) * 600_000;
  vi.spyOn(Date, "now").mockReturnValue(windowStart + 300_000);
});

afterAll(() => {
  vi.restoreAllMocks();
});

function guess(code: string, i: number, cartId: string) {
  const request = checkoutRequest("/api/checkout/quote", { cartId, body: { country: "GB", discountCode: code } });
  request.headers.set("x-forwarded-for", `10.${Math.floor(i / 250)}.${i % 250}.1`);
  return quote(request, noParams);
}

describe("guessing discount codes from everywhere at once", () => {
  it("stops 60 guesses from 60 addresses and 60 fresh carts before the end: a budget rotation cannot escape", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      statuses.push((await guess(`ROTATE${i}`, i, await createCart([{ variantId, quantity: 1 }]))).status);
    }
    expect(statuses.slice(0, 50)).toEqual(Array(50).fill(422));
    expect(statuses.slice(50)).toEqual(Array(10).fill(429));
  });
});
