import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as startCheckout } from "@/app/api/checkout/session/route";
import { resetEnvForTests } from "@/lib/env";
import { isoAfter } from "@/lib/time";
import { createCart } from "@/tests/factories/cart";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { POST as quote } from "./route";

type ErrorJson = { error: { code: string; message: string; details?: unknown } };

const DAY = 24 * 60 * 60_000;
let variantId: number;

beforeAll(async () => {
  await createYarnShopShipping();
  variantId = (await createVariant({ price: 1800, stock: 500, weightGrams: 100 })).variantId;
  await createDiscountCode({ code: "WELCOME10", kind: "percent", value: 10 });
  await createDiscountCode({ code: "BLACKFRIDAY", startsAt: isoAfter(30 * DAY) });
  await createDiscountCode({ code: "PAUSED", isActive: false });
  await createDiscountCode({ code: "SUMMER24", startsAt: "2024-06-01T00:00:00.000Z", endsAt: "2024-09-01T00:00:00.000Z" });
  await createDiscountCode({ code: "FIRST50", usageLimit: 50, uses: 50 });
  await createDiscountCode({ code: "BIGBASKET", minimumSubtotal: 10_000 });
});

afterEach(() => {
  process.env.TRUSTED_PROXY = "1";
  resetEnvForTests();
});

const newCart = () => createCart([{ variantId, quantity: 1 }]);

function quoteFrom(cartId: string, code: string, address?: string) {
  const request = checkoutRequest("/api/checkout/quote", { cartId, body: { country: "GB", discountCode: code } });
  if (address) request.headers.set("x-forwarded-for", address);
  return quote(request, noParams);
}

describe("guessing discount codes", () => {
  it("answers every code that cannot be used now with one identical body: unknown, future, switched off, expired, used up", async () => {
    const cartId = await newCart();
    const answers = [];
    for (const code of ["NOSUCHCODE", "BLACKFRIDAY", "PAUSED", "SUMMER24", "FIRST50"]) {
      const response = await quoteFrom(cartId, code, "203.0.113.10");
      answers.push({ status: response.status, body: await response.text() });
    }
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([422]));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(JSON.parse(answers[0]!.body)).toEqual({
      error: { code: "discount_not_applicable", message: "That discount code isn't valid. Please check it, or continue without one.", details: { reason: "not_valid" } },
    });
    // A usable code that needs a bigger basket says so: only a code that works gets this far.
    const minimum = (await (await quoteFrom(cartId, "BIGBASKET", "203.0.113.10")).json()) as ErrorJson;
    expect(minimum.error).toMatchObject({ code: "discount_not_applicable", details: { reason: "below_minimum" } });
  });

  it("answers 429 with Retry-After long before 60 wrong codes from one cart, with no trusted proxy", async () => {
    process.env.TRUSTED_PROXY = "none";
    resetEnvForTests();
    const cartId = await newCart();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 60; i += 1) {
      const response = await quoteFrom(cartId, `GUESS${String(i).padStart(3, "0")}`, `198.51.100.${i + 1}`);
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter ??= response.headers.get("retry-after");
        expect(((await response.json()) as ErrorJson).error.code).toBe("too_many_requests");
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(422));
    expect(statuses.slice(10)).toEqual(Array(50).fill(429));
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The shop's checkout still works from that cart without a code.
    const withoutCode = await quote(checkoutRequest("/api/checkout/quote", { cartId, body: { country: "GB" } }), noParams);
    expect(withoutCode.status).toBe(200);
  });

  it("stops one client rotating fresh carts, and a code that works does not buy more guesses", async () => {
    const address = "203.0.113.20";
    const statuses: number[] = [];
    for (let i = 0; i < 9; i += 1) statuses.push((await quoteFrom(await newCart(), `WRONG${i}`, address)).status);
    // Right codes are not guesses: as many as the shopper likes, and they do not wipe the count.
    for (let i = 0; i < 5; i += 1) statuses.push((await quoteFrom(await newCart(), "welcome10", address)).status);
    statuses.push((await quoteFrom(await newCart(), "WRONG9", address)).status);
    statuses.push((await quoteFrom(await newCart(), "WELCOME10", address)).status);
    expect(statuses).toEqual([...Array(9).fill(422), ...Array(5).fill(200), 422, 429]);
    // Another shopper is not held up.
    expect((await quoteFrom(await newCart(), "WELCOME10", "192.0.2.30")).status).toBe(200);
  });

  it("lets no parallel burst past the budget: each guess is charged before the code is looked up", async () => {
    const cartId = await newCart();
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => quoteFrom(cartId, `BURST${i}`, `192.0.2.${100 + i}`)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 422)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
  });

  it("counts wrong codes at checkout too", async () => {
    const cartId = await newCart();
    const answers: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const request = checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB", discountCode: `PAY${i}` } });
      request.headers.set("x-forwarded-for", `203.0.113.${40 + i}`);
      const response = await startCheckout(request, noParams);
      answers.push(`${response.status} ${((await response.json()) as ErrorJson).error.message.split(".")[0]}`);
    }
    expect(answers).toEqual([
      ...Array(10).fill("422 That discount code isn't valid"),
      ...Array(2).fill("429 Too many discount codes have been tried"),
    ]);
  });
});
