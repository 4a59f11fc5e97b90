import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { RESERVATION_GRACE_MS } from "@/lib/checkout/checkout-expiry";
import { stockReservations } from "@/lib/db/schema";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { createCart } from "@/tests/factories/cart";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { GET as getCart } from "../../cart/route";
import { GET as getStatus } from "../status/route";
import { POST as postCheckout } from "./route";

type Started = { checkoutId: string; sessionId: string; expiresAt: string };
type CartJson = { items: { variantId: number; available: number }[] };

const MINUTE = 60_000;

/** The answer's expiresAt is when payment closes; the stock stays held for the grace after it. */
const holdEndsAt = (started: Started) => Date.parse(started.expiresAt) + RESERVATION_GRACE_MS;

function startCheckout(cartId: string) {
  return postCheckout(checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB" } }), noParams);
}

async function availableInCart(cartId: string, variantId: number): Promise<number> {
  const res = await getCart(checkoutRequest("/api/cart", { cartId, method: "GET" }), noParams);
  const body = (await res.json()) as CartJson;
  return body.items.find((item) => item.variantId === variantId)!.available;
}

/**
 * Vercel's Hobby plan runs a cron at most once a day, so nothing here calls the cleanup endpoint:
 * a lapsed hold must stop counting the moment its deadline passes, for readers and for checkout.
 */
describe("a checkout left to expire, with no cron at all", () => {
  beforeAll(async () => {
    await createYarnShopShipping();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("frees its stock for the next shopper once its hold lapses", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const lastSkein = await createVariant({ price: 2400, stock: 1, weightGrams: 100 });
    const first = await createCart([{ variantId: lastSkein.variantId, quantity: 1 }]);
    const next = await createCart([{ variantId: lastSkein.variantId, quantity: 1 }]);

    const started = await startCheckout(first);
    expect(started.status).toBe(200);
    const firstCheckout = (await started.json()) as Started;
    expect(await availableInCart(next, lastSkein.variantId)).toBe(0);
    const refused = await startCheckout(next);
    expect(refused.status).toBe(409);

    vi.setSystemTime(holdEndsAt(firstCheckout) + MINUTE);

    expect(await availableInCart(next, lastSkein.variantId)).toBe(1);
    const retried = await startCheckout(next);
    expect(retried.status).toBe(200);
    const { checkoutId } = (await retried.json()) as Started;
    const holds = await withFreshClient((read) =>
      read.select().from(stockReservations).where(eq(stockReservations.variantId, lastSkein.variantId)),
    );
    const liveHolds = holds.filter((hold) => Date.parse(hold.expiresAt) > Date.now());
    expect(liveHolds).toEqual([expect.objectContaining({ checkoutId, quantity: 1 })]);

    const status = await getStatus(checkoutRequest(`/api/checkout/status?session_id=${firstCheckout.sessionId}`, { method: "GET" }), noParams);
    expect(await status.json()).toMatchObject({ state: "expired" });
  });

  it("does not free a hold a minute before it lapses", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const lastSkein = await createVariant({ price: 2400, stock: 1, weightGrams: 100 });
    const first = await createCart([{ variantId: lastSkein.variantId, quantity: 1 }]);
    const next = await createCart([{ variantId: lastSkein.variantId, quantity: 1 }]);
    const firstCheckout = (await (await startCheckout(first)).json()) as Started;

    vi.setSystemTime(holdEndsAt(firstCheckout) - MINUTE);

    expect(await availableInCart(next, lastSkein.variantId)).toBe(0);
    expect((await startCheckout(next)).status).toBe(409);
  });
});
