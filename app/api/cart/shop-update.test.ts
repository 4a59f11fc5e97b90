import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { CART_COOKIE } from "@/lib/cart/cart-cookie";
import { cartItems, shopUpdateRefusals } from "@/lib/db/schema";
import { isoAfter } from "@/lib/time";
import { createCart } from "@/tests/factories/cart";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant, createVariants } from "@/tests/factories/product";
import { createShopUpdate } from "@/tests/factories/shop-update";
import { checkoutInput } from "@/lib/checkout/checkout-input";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { createShippingRate } from "@/tests/factories/shipping";
import { GET, PATCH, POST } from "./route";
import { flushRefusals } from "@/lib/updates/record-refusal";

type ErrorJson = { error: { code: string; message: string; liveAt?: string; limit?: number } };

function send(handler: typeof POST, method: string, body: unknown, cartId: string | null = null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (cartId) headers.cookie = `${CART_COOKIE}=${cartId}`;
  return handler(new NextRequest("http://localhost/api/cart", { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve({}) });
}

const linesOf = (cartId: string) => withFreshClient((reader) => reader.select({ variantId: cartItems.variantId, quantity: cartItems.quantity }).from(cartItems).where(eq(cartItems.cartId, cartId)));
const refusals = async (updateId: number) => {
  await flushRefusals();
  return withFreshClient((reader) => reader.select({ reason: shopUpdateRefusals.reason, count: shopUpdateRefusals.count }).from(shopUpdateRefusals).where(eq(shopUpdateRefusals.updateId, updateId)));
};

describe("/api/cart and a shop update", () => {
  it("refuses adding a scheduled update's variant with 409 not_live and liveAt, writes nothing, and counts each refusal", async () => {
    const skein = await createVariant({ stock: 5 });
    const liveAt = isoAfter(30 * 60 * 1000);
    const updateId = await createShopUpdate({ liveAt, items: [{ variantId: skein.variantId }] });

    const res = await send(POST, "POST", { variantId: skein.variantId, quantity: 1 });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error).toMatchObject({ code: "not_live", liveAt });
    expect(res.headers.get("set-cookie")).toBeNull();
    await send(POST, "POST", { variantId: skein.variantId, quantity: 1 });
    expect(await refusals(updateId)).toEqual([{ reason: "not_live", count: 2 }]);
  });

  it("refuses setting a quantity of a variant in preview, however the line got into the cart, but always lets it be removed", async () => {
    const skein = await createVariant({ stock: 5 });
    await createShopUpdate({ previewAt: isoAfter(-60_000), liveAt: isoAfter(60_000), items: [{ variantId: skein.variantId }] });
    const cartId = await createCart([{ variantId: skein.variantId, quantity: 1 }]);

    const res = await send(PATCH, "PATCH", { variantId: skein.variantId, quantity: 2 }, cartId);
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error.code).toBe("not_live");
    expect(await linesOf(cartId)).toEqual([{ variantId: skein.variantId, quantity: 1 }]);
    expect((await send(PATCH, "PATCH", { variantId: skein.variantId, quantity: 0 }, cartId)).status).toBe(200);
    expect(await linesOf(cartId)).toEqual([]);
  });

  it("adds a live update's variant, and refuses early when the cart alone passes the update's limit", async () => {
    const [a, b] = await createVariants(2, { stock: 10 });
    const updateId = await createShopUpdate({ limitPerCustomer: 2, items: [{ variantId: a!.variantId }, { variantId: b!.variantId }] });
    const cartId = await createCart([{ variantId: a!.variantId, quantity: 1 }]);

    expect((await send(POST, "POST", { variantId: b!.variantId, quantity: 1 }, cartId)).status).toBe(200);
    const res = await send(POST, "POST", { variantId: b!.variantId, quantity: 1 }, cartId);
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error).toMatchObject({ code: "limit_reached", limit: 2, message: "This update allows 2 per customer." });
    expect(await linesOf(cartId)).toEqual(expect.arrayContaining([{ variantId: b!.variantId, quantity: 1 }]));
    expect(await refusals(updateId)).toEqual([{ reason: "limit_reached", count: 1 }]);
  });

  it("refuses early past a variant's own limit", async () => {
    const skein = await createVariant({ stock: 10 });
    await createShopUpdate({ items: [{ variantId: skein.variantId, limitPerCustomer: 1 }] });
    const res = await send(POST, "POST", { variantId: skein.variantId, quantity: 2 });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error).toMatchObject({ code: "limit_reached", limit: 1 });
  });

  it("counts a sold-out refusal of an update's variant", async () => {
    const skein = await createVariant({ stock: 1 });
    const updateId = await createShopUpdate({ items: [{ variantId: skein.variantId }] });
    const res = await send(POST, "POST", { variantId: skein.variantId, quantity: 2 });
    expect(res.status).toBe(409);
    expect(await refusals(updateId)).toEqual([{ reason: "sold_out", count: 1 }]);
  });

  it("tells the shopper until when their checkout holds an update's stock (heldUntil), and nothing for ordinary stock", async () => {
    await createShippingRate({ country: "GB" });
    const skein = await createVariant({ stock: 3 });
    const yarn = await createVariant({ stock: 3 });
    await createShopUpdate({ holdMinutes: 10, items: [{ variantId: skein.variantId }] });
    const dropCart = await createCart([{ variantId: skein.variantId, quantity: 1 }]);
    const plainCart = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const before = Date.now();
    await startCheckout({ cartId: dropCart, input: checkoutInput.parse({ country: "GB" }) });
    await startCheckout({ cartId: plainCart, input: checkoutInput.parse({ country: "GB" }) });

    const held = (await (await send(GET, "GET", undefined, dropCart)).json()) as { heldUntil: string | null; items: { available: number }[] };
    const until = Date.parse(held.heldUntil!) - before;
    expect(until).toBeGreaterThan(9 * 60_000);
    expect(until).toBeLessThanOrEqual(10 * 60_000 + 5000);
    // The shopper's own hold is theirs: the line still shows as available to them.
    expect(held.items[0]!.available).toBe(3);
    expect(((await (await send(GET, "GET", undefined, plainCart)).json()) as { heldUntil: string | null }).heldUntil).toBeNull();
  });
});
