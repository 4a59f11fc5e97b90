import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checkouts, stockReservations, type CheckoutLineSnapshot } from "@/lib/db/schema";
import { isoAfter, nowIso } from "@/lib/time";
import { createCheckout, createReservation } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant, type TestVariant } from "@/tests/factories/product";
import { quoteSnapshot } from "@/tests/factories/quote";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { checkoutInput } from "./checkout-input";
import { openCheckout, type OpenCheckoutParams } from "./open-checkout";
import { newCheckoutId } from "./start-checkout";

function line(variant: TestVariant, quantity: number): CheckoutLineSnapshot {
  const { variantId, productId, productName, variantName, sku, price, weightGrams } = variant;
  return { variantId, productId, productName, variantName, sku, unitPrice: price, quantity, weightGrams };
}

/** The batch's input as startCheckout builds it from a quote read a moment ago (the guards re-check it). */
function params(cartId: string, lines: CheckoutLineSnapshot[], discount: OpenCheckoutParams["quote"]["discount"] = null): OpenCheckoutParams {
  const subtotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  return {
    checkoutId: newCheckoutId(),
    cartId,
    input: checkoutInput.parse({ country: "GB", email: "ann@example.com" }),
    quote: quoteSnapshot({ subtotal, discount }),
    lines,
    provider: "local",
    reservationExpiresAt: isoAfter(35 * 60 * 1000),
    now: nowIso(),
  };
}

async function stateOf(cartId: string) {
  return withFreshClient(async (read) => {
    const rows = await read.select({ id: checkouts.id, status: checkouts.status }).from(checkouts).where(eq(checkouts.cartId, cartId));
    const holds = await read.select().from(stockReservations);
    return { checkouts: rows, holds: holds.filter((hold) => rows.some((row) => row.id === hold.checkoutId)) };
  });
}

describe("openCheckout – one guarded batch", () => {
  it("replaces the cart's open checkout, records the new one and holds its stock in one go", async () => {
    const yarn = await createVariant({ stock: 5 });
    const first = await createCheckout({ lines: [{ variant: yarn, quantity: 2 }] });

    const opened = await openCheckout(params(first.cartId, [line(yarn, 3)]));

    expect(opened).toEqual({ isOpened: true, replaced: [{ id: first.id, paymentSessionId: first.paymentSessionId, paymentProvider: "local" }] });
    const after = await stateOf(first.cartId);
    expect(after.checkouts.find((row) => row.id === first.id)?.status).toBe("replaced");
    expect(after.holds.map((hold) => [hold.variantId, hold.quantity])).toEqual([[yarn.variantId, 3]]);
  });

  it("writes nothing when another shopper took the stock after the quote was read: the old checkout keeps its hold", async () => {
    const yarn = await createVariant({ stock: 4 });
    const mohair = await createVariant({ stock: 4 });
    const first = await createCheckout({ lines: [{ variant: yarn, quantity: 1 }] });
    const before = await stateOf(first.cartId);
    // Since the quote: someone else now holds 3 of the 4 mohair units, so 2 cannot be held.
    await createReservation({ variantId: mohair.variantId, quantity: 3 });

    const opened = await openCheckout(params(first.cartId, [line(yarn, 1), line(mohair, 2)]));

    expect(opened).toEqual({ isOpened: false });
    expect(await stateOf(first.cartId)).toEqual(before);
    expect(before.checkouts).toEqual([{ id: first.id, status: "open" }]);
  });

  it("writes nothing when the discount's last use was taken after the quote was read", async () => {
    const yarn = await createVariant({ stock: 4 });
    const code = await createDiscountCode({ usageLimit: 3, uses: 3 });
    const first = await createCheckout({ lines: [{ variant: yarn, quantity: 1 }] });
    const before = await stateOf(first.cartId);

    const discount = { discountCodeId: code.id, code: code.code, kind: "percent" as const, value: 10, amount: 180 };
    const opened = await openCheckout(params(first.cartId, [line(yarn, 1)], discount));

    expect(opened).toEqual({ isOpened: false });
    expect(await stateOf(first.cartId)).toEqual(before);
  });

  it("holds a discount that still applies", async () => {
    const yarn = await createVariant({ stock: 4 });
    const code = await createDiscountCode({ usageLimit: 3, uses: 2 });
    const first = await createCheckout({ lines: [{ variant: yarn, quantity: 1 }] });

    const discount = { discountCodeId: code.id, code: code.code, kind: "percent" as const, value: 10, amount: 180 };
    const request = params(first.cartId, [line(yarn, 1)], discount);
    expect((await openCheckout(request)).isOpened).toBe(true);
    const after = await stateOf(first.cartId);
    expect(after.checkouts.find((row) => row.id === request.checkoutId)?.status).toBe("open");
  });
});
