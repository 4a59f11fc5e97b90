import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { checkouts, orders } from "@/lib/db/schema";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { createCart } from "@/tests/factories/cart";
import { createShippingZone } from "@/tests/factories/shipping";
import { createVariant } from "@/tests/factories/product";
import { POST as startSession } from "../session/route";
import { GET } from "./route";

const status = (sessionId?: string) =>
  GET(new NextRequest(`http://localhost/api/checkout/status${sessionId === undefined ? "" : `?session_id=${encodeURIComponent(sessionId)}`}`), noParams);

async function startedCheckout() {
  const yarn = await createVariant();
  const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
  const res = await startSession(checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB", email: "ann@example.com" } }), noParams);
  return (await res.json()) as { checkoutId: string; sessionId: string };
}

describe("GET /api/checkout/status", () => {
  beforeAll(async () => {
    await createShippingZone({ name: "UK", countries: ["GB"], rates: [{ name: "Standard", price: 350 }] });
  });

  it("says payment is being confirmed until the webhook has created the order, then gives its number", async () => {
    const started = await startedCheckout();
    expect(await (await status(started.sessionId)).json()).toEqual({ state: "confirming" });

    await writeTransaction(async (tx) => {
      await tx.insert(orders).values({
        orderSeq: 1001,
        orderNumber: "HD-1001",
        checkoutId: started.checkoutId,
        email: "ann@example.com",
        currency: "GBP",
        subtotal: 1800,
        shippingTotal: 350,
        total: 2150,
        paymentStatus: "paid",
        paymentSessionId: started.sessionId,
        lookupToken: "token-ann",
      });
      await tx.update(checkouts).set({ status: "completed" }).where(eq(checkouts.id, started.checkoutId));
    });
    const res = await status(started.sessionId);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: "paid", orderNumber: "HD-1001", order: { orderPath: "/order/HD-1001?token=token-ann", maskedEmail: "a…@example.com", total: 2150 } });
  });

  it("reports a declined or expired payment", async () => {
    const started = await startedCheckout();
    await writeTransaction((tx) => tx.update(checkouts).set({ status: "expired" }).where(eq(checkouts.id, started.checkoutId)));
    expect(await (await status(started.sessionId)).json()).toEqual({ state: "expired" });
  });

  it("answers 404 for a session it has never seen and 400 without one", async () => {
    expect((await status("cs_test_unknown")).status).toBe(404);
    expect((await status()).status).toBe(400);
  });
});
