import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { CART_COOKIE, newCartId } from "@/lib/cart/cart-cookie";
import type { CartResponse } from "@/lib/cart/cart-response";
import { db, statementCount, writeTransaction } from "@/lib/db";
import { cartItems, carts, products, productVariants } from "@/lib/db/schema";
import { saveSettings } from "@/lib/settings";
import { isoAfter } from "@/lib/time";
import { createCart } from "@/tests/factories/cart";
import { type CreatedProduct, createProduct } from "@/tests/factories/product";
import { createReservation } from "@/tests/factories/checkout";
import { DELETE, GET, PATCH, POST } from "./route";

const context = { params: Promise.resolve({}) };

function request(method: string, options: { cartId?: string | null; body?: unknown; rawBody?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.cartId) headers.cookie = `${CART_COOKIE}=${options.cartId}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new NextRequest("http://localhost/api/cart", { method, headers, body });
}

const handlers = { GET, POST, PATCH, DELETE } as const;

async function call(method: keyof typeof handlers, options: Parameters<typeof request>[1] = {}) {
  const response = await handlers[method](request(method, options), context);
  const body = (await response.json()) as CartResponse & { error?: { code: string; message: string; details?: Record<string, unknown> } };
  const setCookie = response.headers.get("set-cookie");
  const cookieCartId = setCookie?.match(new RegExp(`${CART_COOKIE}=([^;]*)`))?.[1] ?? null;
  return { status: response.status, body, setCookie, cookieCartId };
}

async function linesOf(cartId: string) {
  const read = await db();
  return read
    .select({ variantId: cartItems.variantId, quantity: cartItems.quantity })
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId))
    .orderBy(cartItems.id);
}

async function cartRowCount() {
  const read = await db();
  return (await read.select({ id: carts.id }).from(carts)).length;
}

let yarn: CreatedProduct;

beforeEach(async () => {
  yarn = await createProduct({
    name: "Meadow Sock",
    variants: [
      { options: { colour: "Heather", weight: "4ply" }, price: 1850, stock: 12 },
      { options: { colour: "Moss", weight: "DK" }, price: 2000, compareAtPrice: 2400, stock: 3 },
    ],
  });
});

describe("GET /api/cart", () => {
  it("gives a shopper without a cart an empty cart and no cookie", async () => {
    const { status, body, setCookie } = await call("GET");
    expect(status).toBe(200);
    expect(body).toEqual({ items: [], subtotal: 0, currency: "GBP", count: 0, maxQuantityPerLine: 10, heldUntil: null });
    expect(setCookie).toBeNull();
  });

  it("lists the lines with product, variant, price, availability and image, and never exposes the cart id", async () => {
    const [heather, moss] = yarn.variants;
    const cartId = await createCart([
      { variantId: heather!.id, quantity: 2 },
      { variantId: moss!.id, quantity: 1 },
    ]);
    const { status, body } = await call("GET", { cartId });
    expect(status).toBe(200);
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({
      variantId: heather!.id,
      productName: "Meadow Sock",
      variantName: "Heather / 4ply",
      options: { colour: "Heather", weight: "4ply" },
      sku: heather!.sku,
      unitPrice: 1850,
      quantity: 2,
      available: 12,
      isPurchasable: true,
    });
    expect(body.items[0]!.image?.url).toMatch(/^data:image\/svg\+xml/);
    expect(body.items[1]).toMatchObject({ variantId: moss!.id, unitPrice: 2000, compareAtPrice: 2400, quantity: 1, available: 3 });
    expect(body.subtotal).toBe(2 * 1850 + 2000);
    expect(body.count).toBe(3);
    expect(JSON.stringify(body)).not.toContain(cartId);
  });

  it("ignores a cart cookie that is not one of our tokens", async () => {
    const { status, body } = await call("GET", { cartId: "not-a-real-token" });
    expect(status).toBe(200);
    expect(body.items).toEqual([]);
  });

  it("keeps a line whose product was archived visible but out of the subtotal and count", async () => {
    const [heather, moss] = yarn.variants;
    const other = await createProduct({ variants: [{ price: 900 }] });
    const cartId = await createCart([
      { variantId: heather!.id, quantity: 1 },
      { variantId: other.variants[0]!.id, quantity: 2 },
    ]);
    await writeTransaction((tx) => tx.update(products).set({ status: "archived" }).where(eq(products.id, other.id)));
    await writeTransaction((tx) => tx.update(productVariants).set({ isActive: true }).where(eq(productVariants.id, moss!.id)));
    const { body } = await call("GET", { cartId });
    expect(body.items.map((item) => [item.variantId, item.isPurchasable])).toEqual([
      [heather!.id, true],
      [other.variants[0]!.id, false],
    ]);
    expect(body.subtotal).toBe(1850);
    expect(body.count).toBe(1);
  });

  it("shows a colourway's own image for its line and the product image for the others", async () => {
    const product = await createProduct({
      images: [{ url: "/images/general.svg", alt: "Skein" }],
      variants: [
        { options: { colour: "Rust" }, imageUrl: "/images/rust.svg" },
        { options: { colour: "Sea" } },
      ],
    });
    const cartId = await createCart(product.variants.map((variant) => ({ variantId: variant.id, quantity: 1 })));
    const { body } = await call("GET", { cartId });
    expect(body.items.map((item) => item.image?.url)).toEqual(["/images/rust.svg", "/images/general.svg"]);
  });
});

describe("POST /api/cart", () => {
  it("creates the cart on the first add and sets a long-lived httpOnly, SameSite=Lax cookie", async () => {
    const cartsBefore = await cartRowCount();
    const [heather] = yarn.variants;
    const { status, body, setCookie, cookieCartId } = await call("POST", { body: { variantId: heather!.id, quantity: 2 } });
    expect(status).toBe(200);
    expect(body.count).toBe(2);
    expect(body.subtotal).toBe(3700);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=2592000/);
    expect(setCookie).not.toMatch(/Secure/i); // only in production
    expect(cookieCartId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await linesOf(cookieCartId!)).toEqual([{ variantId: heather!.id, quantity: 2 }]);
    expect(await cartRowCount()).toBe(cartsBefore + 1);
  });

  it("merges a second add of the same variant into one line", async () => {
    const [heather, moss] = yarn.variants;
    const first = await call("POST", { body: { variantId: heather!.id, quantity: 2 } });
    const cartId = first.cookieCartId!;
    await call("POST", { cartId, body: { variantId: moss!.id, quantity: 1 } });
    const { status, body, cookieCartId } = await call("POST", { cartId, body: { variantId: heather!.id, quantity: 3 } });
    expect(status).toBe(200);
    expect(cookieCartId).toBe(cartId);
    expect(body.items.map((item) => [item.variantId, item.quantity])).toEqual([
      [heather!.id, 5],
      [moss!.id, 1],
    ]);
    expect(await linesOf(cartId)).toEqual([
      { variantId: heather!.id, quantity: 5 },
      { variantId: moss!.id, quantity: 1 },
    ]);
  });

  it("answers 404 for a variant that does not exist and writes nothing", async () => {
    const cartsBefore = await cartRowCount();
    const { status, body } = await call("POST", { body: { variantId: 999_999, quantity: 1 } });
    expect(status).toBe(404);
    expect(body.error?.code).toBe("not_found");
    expect(await cartRowCount()).toBe(cartsBefore);
  });

  it.each(["draft", "archived"] as const)("answers 404 for a variant of a %s product", async (status) => {
    const hidden = await createProduct({ status });
    const cartsBefore = await cartRowCount();
    const response = await call("POST", { body: { variantId: hidden.variants[0]!.id, quantity: 1 } });
    expect(response.status).toBe(404);
    expect(response.body.error?.code).toBe("not_found");
    expect(await cartRowCount()).toBe(cartsBefore);
  });

  it("answers 404 for a deactivated variant", async () => {
    const product = await createProduct({ variants: [{ isActive: false }] });
    const response = await call("POST", { body: { variantId: product.variants[0]!.id, quantity: 1 } });
    expect(response.status).toBe(404);
  });

  it.each([
    ["zero", 0],
    ["a hundred", 100],
    ["a fraction", 1.5],
    ["a negative number", -2],
    ["a string", "2"],
    ["missing", undefined],
  ])("answers 400 when the quantity is %s, writing nothing", async (_label, quantity) => {
    const cartId = await createCart([{ variantId: yarn.variants[0]!.id, quantity: 1 }]);
    const { status, body } = await call("POST", { cartId, body: { variantId: yarn.variants[0]!.id, quantity } });
    expect(status).toBe(400);
    expect(body.error?.code).toBe("validation_error");
    expect(await linesOf(cartId)).toEqual([{ variantId: yarn.variants[0]!.id, quantity: 1 }]);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const cartsBefore = await cartRowCount();
    const { status, body } = await call("POST", { rawBody: "{variantId: 1" });
    expect(status).toBe(400);
    expect(body.error?.code).toBe("bad_request");
    expect(await cartRowCount()).toBe(cartsBefore);
  });

  it("answers 409 with the available number when asking for more than is in stock, creating no cart", async () => {
    const moss = yarn.variants[1]!; // 3 in stock
    const cartsBefore = await cartRowCount();
    const { status, body } = await call("POST", { body: { variantId: moss.id, quantity: 4 } });
    expect(status).toBe(409);
    expect(body.error?.code).toBe("insufficient_stock");
    expect(body.error?.details).toMatchObject({ variantId: moss.id, available: 3 });
    expect(body.error?.message).toBe("Only 3 available.");
    expect(await cartRowCount()).toBe(cartsBefore);
  });

  it("refuses a merge that would exceed the stock and leaves the line as it was", async () => {
    const moss = yarn.variants[1]!;
    const cartId = await createCart([{ variantId: moss.id, quantity: 2 }]);
    const { status, body } = await call("POST", { cartId, body: { variantId: moss.id, quantity: 2 } });
    expect(status).toBe(409);
    expect(body.error?.details).toMatchObject({ available: 3, inCart: 2 });
    expect(body.error?.message).toBe("Only 3 available, and you already have 2 in your cart.");
    expect(await linesOf(cartId)).toEqual([{ variantId: moss.id, quantity: 2 }]);
  });

  it("refuses a merge past the shop's per-item cap (10 by default) even when the stock would allow it, writing nothing", async () => {
    const bulk = await createProduct({ variants: [{ stock: 1000 }] });
    const variantId = bulk.variants[0]!.id;
    const cartId = await createCart([{ variantId, quantity: 8 }]);
    const { status, body } = await call("POST", { cartId, body: { variantId, quantity: 3 } });
    expect(status).toBe(409);
    expect(body.error?.code).toBe("quantity_limit");
    expect(body.error?.message).toBe("You can buy at most 10 of each item in one order, and you already have 8 in your cart.");
    expect(body.error?.details).toMatchObject({ maxQuantity: 10, inCart: 8 });
    expect(await linesOf(cartId)).toEqual([{ variantId, quantity: 8 }]);

    const set = await call("PATCH", { cartId, body: { variantId, quantity: 11 } });
    expect(set.status).toBe(409);
    expect(set.body.error?.code).toBe("quantity_limit");
    expect(await linesOf(cartId)).toEqual([{ variantId, quantity: 8 }]);
    expect((await call("PATCH", { cartId, body: { variantId, quantity: 10 } })).status).toBe(200);
  });

  it("follows the owner's per-item cap up to the 99 a cart line can ever hold", async () => {
    await writeTransaction((tx) => saveSettings(tx, { maxUnitsPerVariant: 99 }));
    try {
      const bulk = await createProduct({ variants: [{ stock: 1000 }] });
      const variantId = bulk.variants[0]!.id;
      const cartId = await createCart([{ variantId, quantity: 98 }]);
      const { status, body } = await call("POST", { cartId, body: { variantId, quantity: 2 } });
      expect(status).toBe(409);
      expect(body.error?.code).toBe("quantity_limit");
      expect(body.error?.details).toMatchObject({ maxQuantity: 99, inCart: 98 });
      expect(await linesOf(cartId)).toEqual([{ variantId, quantity: 98 }]);
      const added = await call("POST", { cartId, body: { variantId, quantity: 1 } });
      expect(added.body.maxQuantityPerLine).toBe(99);
      expect(await linesOf(cartId)).toEqual([{ variantId, quantity: 99 }]);
    } finally {
      await writeTransaction((tx) => saveSettings(tx, { maxUnitsPerVariant: 10 }));
    }
  });

  it("counts other shoppers' active reservations against the stock but not expired ones", async () => {
    const heather = yarn.variants[0]!; // 12 in stock
    await createReservation({ variantId: heather.id, quantity: 5 });
    await createReservation({ variantId: heather.id, quantity: 4, expiresAt: isoAfter(-60_000) });

    const tooMany = await call("POST", { body: { variantId: heather.id, quantity: 8 } });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error?.details).toMatchObject({ available: 7 });

    const ok = await call("POST", { body: { variantId: heather.id, quantity: 7 } });
    expect(ok.status).toBe(200);
    expect(ok.body.items[0]).toMatchObject({ quantity: 7, available: 7 });
  });

  it("tells a line whose last units sit in another shopper's open payment how many are held and when the first comes back", async () => {
    const moss = yarn.variants[1]!; // 3 in stock
    const cartId = await createCart([{ variantId: moss.id, quantity: 2 }]);
    const laterHold = isoAfter(30 * 60_000);
    const soonerHold = isoAfter(12 * 60_000);
    await createReservation({ variantId: moss.id, quantity: 2, expiresAt: laterHold });
    await createReservation({ variantId: moss.id, quantity: 1, expiresAt: soonerHold });
    await createReservation({ variantId: moss.id, quantity: 3, expiresAt: isoAfter(-60_000) }); // lapsed: holds nothing
    // The shopper's own payment holds nothing against them.
    await createReservation({ variantId: moss.id, quantity: 2, cartId, expiresAt: isoAfter(5 * 60_000) });

    const { body } = await call("GET", { cartId });
    expect(body.items[0]).toMatchObject({ quantity: 2, available: 0, held: 3, heldUntil: soonerHold });

    const heather = yarn.variants[0]!;
    const free = await call("POST", { cartId, body: { variantId: heather.id, quantity: 1 } });
    expect(free.body.items.find((item) => item.variantId === heather.id)).toMatchObject({ available: 12, held: 0, heldUntil: null });
  });

  it("does not count the shopper's own open checkout against them", async () => {
    const moss = yarn.variants[1]!; // 3 in stock
    const cartId = await createCart([{ variantId: moss.id, quantity: 2 }]);
    await createReservation({ variantId: moss.id, quantity: 2, cartId });
    await createReservation({ variantId: yarn.variants[0]!.id, quantity: 1 }); // someone else, other variant

    const { status, body } = await call("POST", { cartId, body: { variantId: moss.id, quantity: 1 } });
    expect(status).toBe(200);
    expect(body.items[0]).toMatchObject({ quantity: 3, available: 3 });
  });

  it("starts a new cart when the cookie names a cart that no longer exists", async () => {
    const staleId = newCartId();
    const { status, cookieCartId } = await call("POST", { cartId: staleId, body: { variantId: yarn.variants[0]!.id, quantity: 1 } });
    expect(status).toBe(200);
    expect(cookieCartId).not.toBe(staleId);
    expect(await linesOf(cookieCartId!)).toHaveLength(1);
  });

  it("keeps every unit when many adds for one cart arrive at once", async () => {
    const heather = yarn.variants[0]!;
    const cartId = await createCart([{ variantId: heather.id, quantity: 1 }]);
    const results = await Promise.all(Array.from({ length: 9 }, () => call("POST", { cartId, body: { variantId: heather.id, quantity: 1 } })));
    expect(results.map((result) => result.status)).toEqual(Array(9).fill(200));
    expect(await linesOf(cartId)).toEqual([{ variantId: heather.id, quantity: 10 }]);
    // 12 in stock, but 10 is the most one order may hold.
    const overflow = await call("POST", { cartId, body: { variantId: heather.id, quantity: 1 } });
    expect(overflow.status).toBe(409);
    expect(overflow.body.error?.code).toBe("quantity_limit");
  });
});

describe("PATCH /api/cart", () => {
  it("sets a line's quantity and answers with the updated subtotal", async () => {
    const heather = yarn.variants[0]!;
    const cartId = await createCart([{ variantId: heather.id, quantity: 1 }]);
    const { status, body } = await call("PATCH", { cartId, body: { variantId: heather.id, quantity: 4 } });
    expect(status).toBe(200);
    expect(body.items[0]!.quantity).toBe(4);
    expect(body.subtotal).toBe(4 * 1850);
    expect(body.count).toBe(4);
  });

  it("removes the line when the quantity is 0", async () => {
    const [heather, moss] = yarn.variants;
    const cartId = await createCart([
      { variantId: heather!.id, quantity: 1 },
      { variantId: moss!.id, quantity: 1 },
    ]);
    const { status, body } = await call("PATCH", { cartId, body: { variantId: heather!.id, quantity: 0 } });
    expect(status).toBe(200);
    expect(body.items.map((item) => item.variantId)).toEqual([moss!.id]);
    expect(await linesOf(cartId)).toEqual([{ variantId: moss!.id, quantity: 1 }]);
  });

  it("lets the shopper remove a line whose product has been archived, but not raise it", async () => {
    const product = await createProduct();
    const variantId = product.variants[0]!.id;
    const cartId = await createCart([{ variantId, quantity: 2 }]);
    await writeTransaction((tx) => tx.update(products).set({ status: "archived" }).where(eq(products.id, product.id)));

    expect((await call("PATCH", { cartId, body: { variantId, quantity: 3 } })).status).toBe(404);
    expect(await linesOf(cartId)).toEqual([{ variantId, quantity: 2 }]);
    expect((await call("PATCH", { cartId, body: { variantId, quantity: 0 } })).status).toBe(200);
    expect(await linesOf(cartId)).toEqual([]);
  });

  it("answers 409 with the available number and leaves the line unchanged", async () => {
    const moss = yarn.variants[1]!;
    const cartId = await createCart([{ variantId: moss.id, quantity: 1 }]);
    await createReservation({ variantId: moss.id, quantity: 1 });
    const { status, body } = await call("PATCH", { cartId, body: { variantId: moss.id, quantity: 3 } });
    expect(status).toBe(409);
    expect(body.error?.details).toMatchObject({ variantId: moss.id, available: 2 });
    expect(await linesOf(cartId)).toEqual([{ variantId: moss.id, quantity: 1 }]);
  });

  it.each([100, 2.5, -1, null])("answers 400 for quantity %s", async (quantity) => {
    const heather = yarn.variants[0]!;
    const cartId = await createCart([{ variantId: heather.id, quantity: 1 }]);
    const { status } = await call("PATCH", { cartId, body: { variantId: heather.id, quantity } });
    expect(status).toBe(400);
    expect(await linesOf(cartId)).toEqual([{ variantId: heather.id, quantity: 1 }]);
  });

  it("answers 404 for an unknown variant", async () => {
    const cartId = await createCart([{ variantId: yarn.variants[0]!.id, quantity: 1 }]);
    const { status } = await call("PATCH", { cartId, body: { variantId: 424_242, quantity: 1 } });
    expect(status).toBe(404);
  });
});

describe("DELETE /api/cart", () => {
  it("empties the cart", async () => {
    const cartId = await createCart(yarn.variants.map((variant) => ({ variantId: variant.id, quantity: 1 })));
    const { status, body } = await call("DELETE", { cartId });
    expect(status).toBe(200);
    expect(body).toEqual({ items: [], subtotal: 0, currency: "GBP", count: 0, maxQuantityPerLine: 10, heldUntil: null });
    expect(await linesOf(cartId)).toEqual([]);
  });

  it("answers an empty cart to a shopper who has none", async () => {
    const { status, body } = await call("DELETE");
    expect(status).toBe(200);
    expect(body.items).toEqual([]);
  });
});

describe("statements per cart request", () => {
  async function cartWithLines(count: number) {
    const product = await createProduct({
      variants: Array.from({ length: count }, (_, i) => ({ options: { colour: `Shade ${i}` }, stock: 20, imageUrl: `/images/shade-${i}.svg` })),
    });
    const cartId = await createCart(product.variants.map((variant) => ({ variantId: variant.id, quantity: 1 })));
    await createReservation({ variantId: product.variants[0]!.id, quantity: 1, cartId });
    return { cartId, variantId: product.variants[0]!.id };
  }

  async function statementsFor(run: () => Promise<{ status: number; body: CartResponse }>, expectedLines: number) {
    const before = statementCount();
    const { status, body } = await run();
    const used = statementCount() - before;
    expect(status).toBe(200);
    expect(body.items).toHaveLength(expectedLines);
    return used;
  }

  it("uses as many statements to read a 50-line cart as a 1-line cart", async () => {
    await writeTransaction((tx) => saveSettings(tx, { lowStockThreshold: 3 }));
    const small = await cartWithLines(1);
    const large = await cartWithLines(50);
    await call("GET", { cartId: small.cartId }); // warm the connections

    const forOne = await statementsFor(() => call("GET", { cartId: small.cartId }), 1);
    const forFifty = await statementsFor(() => call("GET", { cartId: large.cartId }), 50);
    expect(forFifty).toBe(forOne);
    expect(forOne).toBeLessThanOrEqual(5);
  });

  it("uses as many statements to add to a 50-line cart as to a 1-line cart", async () => {
    const small = await cartWithLines(1);
    const large = await cartWithLines(50);
    await call("GET", { cartId: small.cartId });

    const forOne = await statementsFor(() => call("POST", { cartId: small.cartId, body: { variantId: small.variantId, quantity: 1 } }), 1);
    const forFifty = await statementsFor(() => call("POST", { cartId: large.cartId, body: { variantId: large.variantId, quantity: 1 } }), 50);
    expect(forFifty).toBe(forOne);
    // BEGIN, the line lookup, the stock check, two writes, COMMIT, then the five-statement read.
    expect(forOne).toBeLessThanOrEqual(11);
  });

  it("uses as many statements to change a line in a 50-line cart as in a 1-line cart", async () => {
    const small = await cartWithLines(1);
    const large = await cartWithLines(50);
    await call("GET", { cartId: small.cartId });

    const forOne = await statementsFor(() => call("PATCH", { cartId: small.cartId, body: { variantId: small.variantId, quantity: 3 } }), 1);
    const forFifty = await statementsFor(() => call("PATCH", { cartId: large.cartId, body: { variantId: large.variantId, quantity: 3 } }), 50);
    expect(forFifty).toBe(forOne);
  });
});
