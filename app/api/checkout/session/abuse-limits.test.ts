import { beforeAll, describe, expect, it } from "vitest";
import { POST as quote } from "@/app/api/checkout/quote/route";
import { createCart } from "@/tests/factories/cart";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { POST } from "./route";

type ErrorJson = { error: { code: string; details?: { reason?: string } } };

function fromClient(path: string, address: string, cartId: string, body: unknown) {
  const request = checkoutRequest(path, { cartId, body });
  request.headers.set("x-forwarded-for", address);
  return request;
}

let variantId: number;

beforeAll(async () => {
  await createYarnShopShipping();
  variantId = (await createVariant({ price: 1800, stock: 500, weightGrams: 100 })).variantId;
});

async function newCart() {
  return createCart([{ variantId, quantity: 1 }]);
}

describe("checkout abuse limits", () => {
  it("refuses the 9th scripted checkout from one client, while a different shopper still checks out", async () => {
    const statuses = [];
    for (let i = 0; i < 9; i += 1) {
      const response = await POST(fromClient("/api/checkout/session", "203.0.113.201", await newCart(), { country: "GB" }), noParams);
      statuses.push(response.status);
      if (i === 8) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(((await response.json()) as ErrorJson).error.code).toBe("too_many_requests");
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    const shopper = await POST(fromClient("/api/checkout/session", "198.51.100.202", await newCart(), { country: "GB" }), noParams);
    expect(shopper.status).toBe(200);
  });

  it("stops one cart's hold from being renewed around the clock", async () => {
    const cartId = await newCart();
    const statuses = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await POST(fromClient("/api/checkout/session", `192.0.2.${10 + i}`, cartId, { country: "GB" }), noParams)).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("does not let 8 scripted checkouts holding a limited code use it up for everyone", async () => {
    await createDiscountCode({ code: "EIGHTONLY", kind: "percent", value: 10, usageLimit: 8 });
    for (let i = 0; i < 8; i += 1) {
      const held = await POST(fromClient("/api/checkout/session", `100.80.${i}.1`, await newCart(), { country: "GB", discountCode: "EIGHTONLY" }), noParams);
      expect(held.status).toBe(200);
    }
    const shopper = await quote(fromClient("/api/checkout/quote", "198.51.100.203", await newCart(), { country: "GB", discountCode: "EIGHTONLY" }), noParams);
    expect(shopper.status).toBe(200);
    expect(await shopper.json()).toMatchObject({ quote: { discount: { code: "EIGHTONLY" } } });
  });
});
