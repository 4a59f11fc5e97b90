// Test factory for carts: a cart holding lines, as if the shopper had added them.
import { newCartId } from "@/lib/cart/cart-cookie";
import { writeTransaction } from "@/lib/db";
import { cartItems, carts } from "@/lib/db/schema";

/** The id is the storefront's cookie token, so requests can carry it as the shopper's cart. */
export async function createCart(lines: { variantId: number; quantity: number }[] = []): Promise<string> {
  const cartId = newCartId();
  await writeTransaction(async (tx) => {
    await tx.insert(carts).values({ id: cartId });
    if (lines.length > 0) await tx.insert(cartItems).values(lines.map((line) => ({ cartId, ...line })));
  });
  return cartId;
}
