// The header's cart badge: units of purchasable lines, in one statement.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { preparedPerHandle } from "@/lib/db/prepared";
import { cartItems, products, productVariants } from "@/lib/db/schema";

/** Compiled once per handle: every storefront page asks for the badge through the live JSON read. */
const cartUnitsQuery = preparedPerHandle((db) =>
  db
    .select({ units: sql<number>`coalesce(sum(${cartItems.quantity}), 0)` })
    .from(cartItems)
    .innerJoin(productVariants, eq(productVariants.id, cartItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(cartItems.cartId, sql.placeholder("cartId")), eq(productVariants.isActive, true), eq(products.status, "active")))
    .prepare(),
);

/** Counts the same units as CartView.count, so the badge and the cart page never disagree. */
export async function countCartUnits(db: DbOrTx, cartId: string | null): Promise<number> {
  if (!cartId) return 0;
  const [row] = await cartUnitsQuery(db).all({ cartId });
  return Number(row?.units ?? 0);
}
