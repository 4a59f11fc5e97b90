import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { checkouts } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { isoAfter } from "@/lib/time";
import { quoteSnapshot } from "@/tests/factories/quote";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { checkDiscountCode, DISCOUNT_NOT_VALID_MESSAGE } from "./check-discount-code";
import { httpStatusOf } from "@/lib/http/errors";

const DAY = 24 * 60 * 60 * 1000;

async function check(code: string, subtotal = 4000, excludeCartId?: string) {
  return checkDiscountCode(await db(), { code, subtotal, currency: "GBP", excludeCartId });
}

async function reasonFor(code: string, subtotal = 4000): Promise<{ reason: string; message: string; details: unknown }> {
  const error = await check(code, subtotal).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe("discount_not_applicable");
  expect(httpStatusOf(appError)).toBe(422);
  return { reason: (appError.details as { reason: string }).reason, message: appError.message, details: appError.details };
}

/** An open checkout holding a code, as a shopper paying right now would. */
async function holdCode(discountCodeId: number, options: { status?: "open" | "failed" | "completed"; expiresAt?: string; cartId?: string } = {}) {
  await writeTransaction(async (tx) => {
    await tx.insert(checkouts).values({
      id: `chk_hold_${Math.random().toString(36).slice(2)}`,
      cartId: options.cartId ?? `cart_${Math.random().toString(36).slice(2)}`,
      status: options.status ?? "open",
      country: "GB",
      discountCodeId,
      lines: [],
      quote: quoteSnapshot({ subtotal: 4000 }),
      currency: "GBP",
      subtotal: 4000,
      paymentProvider: "local",
      expiresAt: options.expiresAt ?? isoAfter(30 * 60 * 1000),
    });
  });
}

describe("discount codes at checkout", () => {
  it("applies a percent code whatever case the shopper types it in", async () => {
    await createDiscountCode({ code: "WELCOME10", kind: "percent", value: 10 });
    const applied = await check("  welcome10 ", 4235);
    expect(applied).toMatchObject({ code: "WELCOME10", kind: "percent", value: 10, amount: 424 });
  });

  it("takes a fixed amount off, never more than the goods cost", async () => {
    await createDiscountCode({ code: "FIVEOFF", kind: "fixed", value: 500 });
    expect((await check("FiveOff", 4000)).amount).toBe(500);
    expect((await check("FIVEOFF", 300)).amount).toBe(300);
  });

  it("says only \"not valid\" for every code not usable now: unknown, switched off, expired, not started", async () => {
    await createDiscountCode({ code: "PAUSED", isActive: false });
    await createDiscountCode({ code: "SUMMER", startsAt: "2025-06-01T00:00:00.000Z", endsAt: "2025-09-01T00:00:00.000Z" });
    await createDiscountCode({ code: "NEXTWEEK", startsAt: isoAfter(7 * DAY) });
    const refusals = await Promise.all(["NOSUCHCODE", "PAUSED", "summer", "nextweek"].map((code) => reasonFor(code)));
    for (const refusal of refusals) {
      expect(refusal).toEqual({ reason: "not_valid", message: DISCOUNT_NOT_VALID_MESSAGE, details: { reason: "not_valid" } });
    }
    // Nothing about the code leaks into the message: not its name, its dates or its state.
    expect(DISCOUNT_NOT_VALID_MESSAGE).not.toMatch(/active|expire|from|start|limit|2025/i);
  });

  it("applies a code inside its window", async () => {
    await createDiscountCode({ code: "NOW", startsAt: isoAfter(-DAY), endsAt: isoAfter(DAY) });
    expect((await check("now")).code).toBe("NOW");
  });

  it("refuses an order below the minimum and says how much more to add", async () => {
    await createDiscountCode({ code: "BIGBASKET", minimumSubtotal: 5000 });
    const { reason, message } = await reasonFor("BIGBASKET", 4250);
    expect(reason).toBe("below_minimum");
    expect(message).toContain("£50.00");
    expect(message).toContain("£7.50");
    expect((await check("BIGBASKET", 5000)).code).toBe("BIGBASKET");
  });

  it("refuses a code whose recorded uses reached its limit as not valid, before its minimum is looked at", async () => {
    await createDiscountCode({ code: "FIRST100", usageLimit: 100, uses: 100 });
    expect((await reasonFor("FIRST100")).reason).toBe("not_valid");
    await createDiscountCode({ code: "USEDBIG", usageLimit: 1, uses: 1, minimumSubtotal: 9000 });
    expect((await reasonFor("USEDBIG", 100)).reason).toBe("not_valid");
  });

  it("counts open checkouts holding the code towards its limit, but not expired or finished ones", async () => {
    const { id } = await createDiscountCode({ code: "LASTFEW", usageLimit: 3, uses: 1 });
    await holdCode(id, { status: "failed" });
    await holdCode(id, { status: "open", expiresAt: isoAfter(-60_000) });
    expect((await check("LASTFEW")).code).toBe("LASTFEW");

    await holdCode(id, { status: "open", cartId: "cart_of_ann" });
    expect((await check("LASTFEW")).code).toBe("LASTFEW");
    await holdCode(id, { status: "open" });
    expect((await reasonFor("LASTFEW")).reason).toBe("not_valid");
    // Ann's new checkout replaces her own open one, so her hold does not count against her.
    expect((await check("LASTFEW", 4000, "cart_of_ann")).code).toBe("LASTFEW");
  });
});
