import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { guardRefusal, statementBuilder, traceRoundTrips, writeBatch, writeTransaction } from "@/lib/db";
import { cartItems, carts, productVariants } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { adjustStock } from "@/lib/inventory/stock";
import { nowIso } from "@/lib/time";
import { createCart } from "@/tests/factories/cart";
import { createReservation } from "@/tests/factories/checkout";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { addToCart } from "./add-to-cart";
import { setCartQuantity } from "./set-cart-quantity";
import { MAX_LINE_QUANTITY } from "@/lib/db/schema";
import { CART_LINE_GUARD, cartLineStatements } from "./write-cart-line";

const lineOf = (cartId: string, variantId: number) =>
  withFreshClient(async (reader) => {
    const [line] = await reader.select().from(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)));
    return line?.quantity ?? null;
  });

/** The batch as addToCart builds it after its reads; run directly, to move the data in between. */
async function writeAsRead(params: { cartId: string; variantId: number; added: number }) {
  const statements = cartLineStatements(statementBuilder, { isNewCart: false, ownCheckoutId: null, maxQuantity: MAX_LINE_QUANTITY, now: nowIso(), cartId: params.cartId, variantId: params.variantId, change: { add: params.added } });
  return writeBatch(statements).then(
    () => "written",
    (error: unknown) => (guardRefusal(error) === CART_LINE_GUARD ? "refused" : Promise.reject(error)),
  );
}

/** `count` adds of one unit to one cart at once: what each was answered. */
const raceAdds = (cartId: string, variantId: number, count: number) =>
  Promise.all(
    Array.from({ length: count }, () =>
      addToCart({ cartId, variantId, quantity: 1 }).then(
        () => "added",
        (error: unknown) => (error instanceof AppError ? error.code : Promise.reject(error)),
      ),
    ),
  );

describe("changing a cart line: read, decide, one guarded batch", () => {
  it("holds the write lock for one round trip", async () => {
    const variant = await createVariant({ stock: 5 });
    const cartId = await createCart([]);
    let underLock = 0;
    const stop = traceRoundTrips((trip) => (underLock += trip.isUnderWriteLock ? 1 : 0));
    try {
      await addToCart({ cartId, variantId: variant.variantId, quantity: 2 });
    } finally {
      stop();
    }
    expect(underLock).toBe(1);
    expect(await lineOf(cartId, variant.variantId)).toBe(2);
  });

  it("refuses, writing nothing, when the stock was sold meanwhile", async () => {
    const variant = await createVariant({ stock: 3 });
    const cartId = await createCart([]);
    await createReservation({ variantId: variant.variantId, quantity: 2 });
    expect(await writeAsRead({ cartId, variantId: variant.variantId, added: 2 })).toBe("refused");
    expect(await lineOf(cartId, variant.variantId)).toBeNull();
    expect(await writeAsRead({ cartId, variantId: variant.variantId, added: 1 })).toBe("written");
    expect(await lineOf(cartId, variant.variantId)).toBe(1);
  });

  it("adds to what the line holds when it is written (another tab's add is kept), refusing a sum over the stock or the cap", async () => {
    const variant = await createVariant({ stock: 10 });
    const cartId = await createCart([{ variantId: variant.variantId, quantity: 2 }]);
    // Read when the line held 1; another tab made it 2 since: both adds count.
    expect(await writeAsRead({ cartId, variantId: variant.variantId, added: 3 })).toBe("written");
    expect(await lineOf(cartId, variant.variantId)).toBe(5);
    expect(await writeAsRead({ cartId, variantId: variant.variantId, added: 6 })).toBe("refused");
    expect(await lineOf(cartId, variant.variantId)).toBe(5);

    const plenty = await createVariant({ stock: 1000 });
    const bigCart = await createCart([{ variantId: plenty.variantId, quantity: MAX_LINE_QUANTITY - 1 }]);
    expect(await writeAsRead({ cartId: bigCart, variantId: plenty.variantId, added: 2 })).toBe("refused");
    expect(await writeAsRead({ cartId: bigCart, variantId: plenty.variantId, added: 1 })).toBe("written");
    expect(await lineOf(bigCart, plenty.variantId)).toBe(MAX_LINE_QUANTITY);
  });

  it("refuses when the variant was taken off sale, or the cart is gone (its order was placed)", async () => {
    const variant = await createVariant({ stock: 10 });
    const cartId = await createCart([]);
    await withFreshClient((writer) => writer.update(productVariants).set({ isActive: false }).where(eq(productVariants.id, variant.variantId)));
    expect(await writeAsRead({ cartId, variantId: variant.variantId, added: 1 })).toBe("refused");

    const other = await createVariant({ stock: 10 });
    const goneCart = await createCart([]);
    await withFreshClient((writer) => writer.delete(carts).where(eq(carts.id, goneCart)));
    expect(await writeAsRead({ cartId: goneCart, variantId: other.variantId, added: 1 })).toBe("refused");
    await withFreshClient(async (reader) => expect(await reader.select().from(carts).where(eq(carts.id, goneCart))).toEqual([]));
  });

  it("keeps every unit when one cart's adds race, and stops them exactly at the stock", async () => {
    const variant = await createVariant({ stock: 8 });
    const cartId = await createCart([]);
    const outcomes = await raceAdds(cartId, variant.variantId, 14);
    expect(outcomes.filter((outcome) => outcome === "added")).toHaveLength(8);
    expect(outcomes.filter((outcome) => outcome === "insufficient_stock")).toHaveLength(6);
    expect(await lineOf(cartId, variant.variantId)).toBe(8);
  });

  it("stops one cart's racing adds exactly at the shop's per-item cap, however much stock there is", async () => {
    const variant = await createVariant({ stock: 1000 });
    const cartId = await createCart([]);
    const outcomes = await raceAdds(cartId, variant.variantId, 14);
    expect(outcomes.filter((outcome) => outcome === "added")).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome === "quantity_limit")).toHaveLength(4);
    expect(await lineOf(cartId, variant.variantId)).toBe(10);
  });

  it("stops a shopper at the stock that is left, counting other shoppers' holds, as before", async () => {
    const variant = await createVariant({ stock: 4 });
    await writeTransaction((tx) => adjustStock(tx, { variantId: variant.variantId, delta: -1, reason: "damaged" }));
    await createReservation({ variantId: variant.variantId, quantity: 2 });
    const cartId = await createCart([]);
    await expect(addToCart({ cartId, variantId: variant.variantId, quantity: 2 })).rejects.toMatchObject({ code: "insufficient_stock", details: { available: 1 } });
    expect(await lineOf(cartId, variant.variantId)).toBeNull();
  });

  it("sets a quantity in one round trip under the lock, refusing one the stock no longer covers", async () => {
    const variant = await createVariant({ stock: 5 });
    const cartId = await createCart([{ variantId: variant.variantId, quantity: 1 }]);
    let underLock = 0;
    const stop = traceRoundTrips((trip) => (underLock += trip.isUnderWriteLock ? 1 : 0));
    try {
      await setCartQuantity({ cartId, variantId: variant.variantId, quantity: 4 });
    } finally {
      stop();
    }
    expect(underLock).toBe(1);
    expect(await lineOf(cartId, variant.variantId)).toBe(4);

    // Read when 5 were free; another shopper holds 2 by the time it is written.
    const statements = cartLineStatements(statementBuilder, { cartId, isNewCart: false, variantId: variant.variantId, change: { set: 5 }, ownCheckoutId: null, maxQuantity: MAX_LINE_QUANTITY, now: nowIso() });
    await createReservation({ variantId: variant.variantId, quantity: 2 });
    await expect(writeBatch(statements)).rejects.toSatisfy((error: unknown) => guardRefusal(error) === CART_LINE_GUARD);
    expect(await lineOf(cartId, variant.variantId)).toBe(4);
    await expect(setCartQuantity({ cartId, variantId: variant.variantId, quantity: 5 })).rejects.toMatchObject({ code: "insufficient_stock", details: { available: 3 } });
  });

  it("removes a line with 0 even when the item is no longer for sale", async () => {
    const variant = await createVariant({ stock: 5 });
    const cartId = await createCart([{ variantId: variant.variantId, quantity: 2 }]);
    await withFreshClient((writer) => writer.update(productVariants).set({ isActive: false }).where(eq(productVariants.id, variant.variantId)));
    const { cart } = await setCartQuantity({ cartId, variantId: variant.variantId, quantity: 0 });
    expect(cart.items).toEqual([]);
    expect(await lineOf(cartId, variant.variantId)).toBeNull();
  });
});
