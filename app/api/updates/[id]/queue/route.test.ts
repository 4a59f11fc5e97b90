import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { CART_COOKIE } from "@/lib/cart/cart-cookie";
import { checkoutInput } from "@/lib/checkout/checkout-input";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { cartItems, shopUpdateRefusals, waitingRoomEntries } from "@/lib/db/schema";
import { flushRefusals } from "@/lib/updates/record-refusal";
import { roomTokensFrom } from "@/lib/updates/room-token";
import { isoAfter } from "@/lib/time";
import { createCart } from "@/tests/factories/cart";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { createShippingRate } from "@/tests/factories/shipping";
import { createShopUpdate } from "@/tests/factories/shop-update";
import { POST as cartPOST } from "../../../cart/route";
import { GET, POST, PUT } from "./route";

type ErrorJson = { error: { code: string; message: string; roomUrl?: string } };

function queue(handler: typeof POST, id: string, init: { body?: unknown; cookie?: string; client?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": init.client ?? "203.0.113.7" };
  if (init.cookie) headers.cookie = init.cookie;
  const method = handler === GET ? "GET" : handler === PUT ? "PUT" : "POST";
  const request = new NextRequest(`http://localhost/api/updates/${id}/queue`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return handler(request, { params: Promise.resolve({ id }) });
}

function addToCart(variantId: number, cookie?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (cookie) headers.cookie = cookie;
  return cartPOST(new NextRequest("http://localhost/api/cart", { method: "POST", headers, body: JSON.stringify({ variantId, quantity: 1 }) }), { params: Promise.resolve({}) });
}

/** The `room_<id>=token` pair the response set, ready to send back as a Cookie header. */
function roomCookie(response: Response): string {
  const setCookie = response.headers.get("set-cookie") ?? "";
  const pair = /(room_\d+=[^;]+)/.exec(setCookie);
  expect(pair, setCookie).not.toBeNull();
  expect(setCookie.toLowerCase()).toContain("httponly");
  return pair![1]!;
}

/** A live update of one colourway with a room letting in `admitPerMinute` a minute. */
async function liveRoom(admitPerMinute: number | null) {
  const skein = await createVariant({ stock: 5 });
  // Live a few seconds ago: the second place's minute is still to come.
  const updateId = await createShopUpdate({ liveAt: isoAfter(-5000), admitPerMinute, items: [{ variantId: skein.variantId }] });
  return { skein, updateId };
}

const linesOf = (cartId: string) => withFreshClient((reader) => reader.select({ quantity: cartItems.quantity }).from(cartItems).where(eq(cartItems.cartId, cartId)));

describe("/api/updates/[id]/queue", () => {
  it("joins the room once per email, sets the token in an httpOnly cookie, and answers a poll from it", async () => {
    const { updateId } = await liveRoom(1);
    const first = await queue(POST, String(updateId), { body: { email: "ann@example.com" } });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ state: "admitted", updateId, position: 1, passExpiresAt: expect.any(String) });
    const second = await queue(POST, String(updateId), { body: { email: "bo@example.com" }, client: "203.0.113.8" });
    const waiting = (await second.json()) as { state: string; position: number; admitsAt: string };
    expect(waiting).toMatchObject({ state: "waiting", position: 2 });
    expect(Date.parse(waiting.admitsAt)).toBeGreaterThan(Date.now());

    const poll = await queue(GET, String(updateId), { cookie: roomCookie(second) });
    expect(await poll.json()).toMatchObject({ state: "waiting", position: 2 });
    expect(poll.headers.get("set-cookie")).toBeNull();
    expect(await (await queue(GET, String(updateId))).json()).toEqual({ state: "absent", updateId });
    expect((await queue(POST, String(updateId), { body: { email: "BO@example.com" } })).status).toBe(200);
    expect(await withFreshClient((reader) => reader.select().from(waitingRoomEntries).where(eq(waitingRoomEntries.updateId, updateId)))).toHaveLength(2);
  });

  it("refuses bad input with a clear 4xx and writes nothing", async () => {
    const { updateId } = await liveRoom(1);
    const badEmail = await queue(POST, String(updateId), { body: { email: "not-an-email" } });
    expect(badEmail.status).toBe(400);
    expect(((await badEmail.json()) as ErrorJson).error.code).toBe("validation_error");
    expect((await queue(POST, "abc", { body: {} })).status).toBe(400);
    expect((await queue(POST, "999999", { body: {} })).status).toBe(404);
    expect((await queue(PUT, String(updateId))).status).toBe(405);
    expect(await withFreshClient((reader) => reader.select().from(waitingRoomEntries).where(eq(waitingRoomEntries.updateId, updateId)))).toEqual([]);
  });
});

describe("cart adds and checkouts while a waiting room is on", () => {
  it("refuses adding the update's variant without a pass (409 not_admitted with the room's URL), and with a ticket, and writes nothing", async () => {
    const { skein, updateId } = await liveRoom(1);
    const refused = await addToCart(skein.variantId);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorJson).error).toMatchObject({ code: "not_admitted", roomUrl: `/updates/${updateId}/waiting-room` });
    expect(refused.headers.get("set-cookie")).toBeNull();

    await queue(POST, String(updateId), { body: { email: "first@example.com" } });
    const ticket = roomCookie(await queue(POST, String(updateId), { body: { email: "second@example.com" } }));
    expect((await addToCart(skein.variantId, ticket)).status).toBe(409);
    // The owner's live view counts both as skipping the room.
    await flushRefusals();
    const counted = await withFreshClient((reader) => reader.select().from(shopUpdateRefusals).where(eq(shopUpdateRefusals.updateId, updateId)));
    expect(counted.map((row) => [row.reason, row.count])).toEqual([["not_admitted", 2]]);
  });

  it("adds with the room's pass, and without one once the update has no room", async () => {
    const { skein, updateId } = await liveRoom(2);
    const pass = roomCookie(await queue(POST, String(updateId), { body: { email: "cat@example.com" } }));
    const added = await addToCart(skein.variantId, pass);
    expect(added.status).toBe(200);

    const open = await liveRoom(null);
    expect((await addToCart(open.skein.variantId)).status).toBe(200);
  });

  it("refuses a checkout of the update's variant without the pass, and starts it with the pass", async () => {
    await createShippingRate({ country: "GB" });
    const { skein, updateId } = await liveRoom(3);
    const cartId = await createCart([{ variantId: skein.variantId, quantity: 1 }]);
    const input = checkoutInput.parse({ country: "GB" });
    await expect(startCheckout({ cartId, input })).rejects.toMatchObject({ code: "not_admitted" });
    const pass = roomCookie(await queue(POST, String(updateId), { body: { email: "dot@example.com" } }));
    const [name, token] = pass.split("=") as [string, string];
    const started = await startCheckout({ cartId, input, roomTokens: roomTokensFrom([{ name, value: token }]) });
    expect(started.checkoutId).toMatch(/^chk_/);
    expect(await linesOf(cartId)).toEqual([{ quantity: 1 }]);
  });

  it("leaves a scheduled update's refusal as not_live: the room never lets anyone in early", async () => {
    const skein = await createVariant({ stock: 5 });
    const updateId = await createShopUpdate({ liveAt: isoAfter(30 * 60_000), admitPerMinute: 5, items: [{ variantId: skein.variantId }] });
    const ticket = roomCookie(await queue(POST, String(updateId), { body: {} }));
    const refused = await addToCart(skein.variantId, `${ticket}; ${CART_COOKIE}=x`);
    expect(((await refused.json()) as ErrorJson).error.code).toBe("not_live");
  });
});
