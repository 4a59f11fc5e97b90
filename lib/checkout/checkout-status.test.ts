import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { checkouts } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { createCheckout } from "@/tests/factories/checkout";
import { createVariant } from "@/tests/factories/product";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { canTransitionCheckout, transitionCheckoutStatus } from "./checkout-status";

async function statusOf(checkoutId: string) {
  const [row] = await withFreshClient((db) => db.select().from(checkouts).where(eq(checkouts.id, checkoutId)));
  return { status: row!.status, failureReason: row!.failureReason };
}

describe("the checkout status machine", () => {
  it("ends an open checkout any way, lets a late payment complete any checkout, and fails only an open or completed one", () => {
    for (const to of ["completed", "expired", "failed", "replaced"] as const) expect(canTransitionCheckout("open", to)).toBe(true);
    for (const from of ["completed", "expired", "failed", "replaced"] as const) expect(canTransitionCheckout(from, "completed")).toBe(true);
    expect(canTransitionCheckout("completed", "failed")).toBe(true);
    expect(canTransitionCheckout("expired", "failed")).toBe(false);
    expect(canTransitionCheckout("replaced", "open")).toBe(false);
    expect(canTransitionCheckout("completed", "expired")).toBe(false);
  });

  it("moves a checkout with its reason, refuses an illegal move, and leaves a checkout outside `onlyFrom` as it is", async () => {
    const variant = await createVariant({ stock: 2 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });

    await writeTransaction((tx) => transitionCheckoutStatus(tx, { checkoutId: checkout.id, to: "expired", failureReason: "Lapsed." }));
    expect(await statusOf(checkout.id)).toEqual({ status: "expired", failureReason: "Lapsed." });

    const refused = await writeTransaction((tx) => transitionCheckoutStatus(tx, { checkoutId: checkout.id, to: "failed" })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("illegal_transition");

    const skipped = await writeTransaction((tx) => transitionCheckoutStatus(tx, { checkoutId: checkout.id, to: "failed", onlyFrom: ["open"] }));
    expect(skipped).toBeNull();
    expect((await statusOf(checkout.id)).status).toBe("expired");

    await writeTransaction((tx) => transitionCheckoutStatus(tx, { checkoutId: checkout.id, to: "completed", failureReason: null }));
    expect(await statusOf(checkout.id)).toEqual({ status: "completed", failureReason: null });
  });
});
