// Everything a cart write needs to know about one variant and the shopper's cart, in one statement.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { cartItems, carts, products, productVariants } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { openCheckoutIdSql } from "@/lib/live-checkouts";
import { readStoredSetting, storedSettingSql } from "@/lib/settings";

export type LineTarget = {
  /** The cart row's id when it exists; null for a first add (the row is created lazily). */
  existingCartId: string | null;
  /** Units of this variant already in the cart (0 when there is no line). */
  inCart: number;
  /** False when the variant was deactivated or its product is not active. */
  isPurchasable: boolean;
  ownCheckoutId: string | null;
  /** The most units the line may hold: the shop's maxUnitsPerVariant setting. */
  maxQuantity: number;
};

/** Throws not_found (404) for a variant id that does not exist at all. */
export async function findLineTarget(tx: DbOrTx, params: { cartId: string | null; variantId: number; now: string }): Promise<LineTarget> {
  // A cookie naming a cart that no longer exists (its order was placed) matches no row here, so
  // the write starts a new cart instead of reviving the old id.
  const cartId = params.cartId ?? "";
  const [row] = await tx
    .select({
      isActive: productVariants.isActive,
      productStatus: products.status,
      existingCartId: carts.id,
      inCart: cartItems.quantity,
      ownCheckoutId: openCheckoutIdSql(tx, cartId, params.now),
      maxQuantity: storedSettingSql(tx, "maxUnitsPerVariant"),
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(carts, eq(carts.id, cartId))
    .leftJoin(cartItems, and(eq(cartItems.cartId, carts.id), eq(cartItems.variantId, productVariants.id)))
    .where(eq(productVariants.id, params.variantId));
  if (!row) throw new AppError("not_found", "That product option was not found.", { variantId: params.variantId });
  return {
    existingCartId: row.existingCartId,
    inCart: row.inCart ?? 0,
    isPurchasable: row.isActive && row.productStatus === "active",
    ownCheckoutId: row.existingCartId ? row.ownCheckoutId : null,
    maxQuantity: readStoredSetting("maxUnitsPerVariant", row.maxQuantity),
  };
}

export function assertPurchasable(target: LineTarget, variantId: number): void {
  if (!target.isPurchasable) throw new AppError("not_found", "That item is no longer for sale.", { variantId });
}
