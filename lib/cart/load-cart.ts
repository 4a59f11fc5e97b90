// Reads a cart with everything the cart page, the cart API and checkout need, in a fixed number of statements.
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { inJsonList, jsonList, preparedPerHandle } from "@/lib/db/prepared";
import { cartItems, productImages, products, productVariants } from "@/lib/db/schema";
import { getAvailability } from "@/lib/inventory/availability";
import { getSettings } from "@/lib/settings";

export type CartLine = {
  id: number;
  variantId: number;
  productId: number;
  productSlug: string;
  productName: string;
  variantName: string;
  /** The variant's option values, e.g. {"colour":"Heather","weight":"4ply"}. */
  options: Record<string, string>;
  sku: string;
  unitPrice: number;
  compareAtPrice: number | null;
  quantity: number;
  weightGrams: number;
  /** Units a shopper can still buy: stock minus other shoppers' active reservations. */
  available: number;
  /** Units held by other shoppers' open payments: they come back if those payments are not made. */
  held: number;
  /** When the first held unit comes back (a reservation's expires_at); null when none is held. */
  heldUntil: string | null;
  /** False when the product was archived/drafted or the variant deactivated after it was added. */
  isPurchasable: boolean;
  image: { url: string; alt: string } | null;
};

export type CartView = {
  id: string | null;
  items: CartLine[];
  /** Sum of purchasable lines, minor units. */
  subtotal: number;
  currency: string;
  /** Units across purchasable lines (the header badge). */
  count: number;
  /** The most units one line may hold (the shop's maxUnitsPerVariant setting): cart writes and checkout refuse more. */
  maxQuantityPerLine: number;
  /** When the shopper's own checkout stops holding a shop update's stock for them (loadShopperCart); null or absent otherwise. */
  heldUntil?: string | null;
};

/** The cart's lines with their variants and products: compiled once per handle (every cart read and checkout runs it). */
const cartLinesQuery = preparedPerHandle((db) =>
  db
    .select({
      id: cartItems.id,
      variantId: cartItems.variantId,
      quantity: cartItems.quantity,
      productId: products.id,
      productSlug: products.slug,
      productName: products.name,
      productStatus: products.status,
      variantName: productVariants.name,
      options: productVariants.options,
      variantIsActive: productVariants.isActive,
      sku: productVariants.sku,
      unitPrice: productVariants.price,
      compareAtPrice: productVariants.compareAtPrice,
      weightGrams: productVariants.weightGrams,
    })
    .from(cartItems)
    .innerJoin(productVariants, eq(productVariants.id, cartItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(cartItems.cartId, sql.placeholder("cartId")))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.id))
    .prepare(),
);

/** The lines' products' images: one SQL text whatever the number of lines (the lists are bound as JSON). */
const cartImagesQuery = preparedPerHandle((db) =>
  db
    .select({ productId: productImages.productId, variantId: productImages.variantId, url: productImages.url, alt: productImages.alt })
    .from(productImages)
    .where(and(inJsonList(productImages.productId, "productIds"), or(isNull(productImages.variantId), inJsonList(productImages.variantId, "variantIds"))))
    .orderBy(asc(productImages.position), asc(productImages.id))
    .prepare(),
);

/**
 * Four statements whatever the number of lines: the lines with their variants and products, their
 * images, their availability, and the settings. Never one query per line (the seed's N+1 item).
 * Over a network they cost two round trips of waiting, not four: the settings and the lines are
 * read together, then the images and availability together. `excludeCheckoutId` may be a read
 * still in flight (the cart's own open checkout), so it overlaps the first pair too.
 */
export async function loadCart(
  db: DbOrTx,
  cartId: string | null,
  options: { excludeCheckoutId?: string | Promise<string | null> } = {},
): Promise<CartView> {
  if (!cartId) {
    const settings = await getSettings(db);
    return { id: null, items: [], subtotal: 0, currency: settings.currency, count: 0, maxQuantityPerLine: settings.maxUnitsPerVariant };
  }

  const linesRead = cartLinesQuery(db).all({ cartId });
  const [settings, rows, excludeCheckoutId] = await Promise.all([getSettings(db), linesRead, options.excludeCheckoutId]);
  if (rows.length === 0) return { id: cartId, items: [], subtotal: 0, currency: settings.currency, count: 0, maxQuantityPerLine: settings.maxUnitsPerVariant };

  const productIds = [...new Set(rows.map((row) => row.productId))];
  const variantIds = rows.map((row) => row.variantId);
  const [images, availability] = await Promise.all([
    cartImagesQuery(db).all({ productIds: jsonList(productIds), variantIds: jsonList(variantIds) }),
    getAvailability(db, variantIds, { excludeCheckoutId: excludeCheckoutId ?? undefined }),
  ]);

  // A variant's own image (its colourway) beats the product's first general image. Another
  // variant's colourway (loaded when two colours of one product are in the cart) would show the
  // wrong colour, so it is never used as a fallback.
  const imageOf = (productId: number, variantId: number) =>
    images.find((image) => image.variantId === variantId) ??
    images.find((image) => image.productId === productId && image.variantId === null) ??
    null;

  const items: CartLine[] = rows.map((row) => {
    const image = imageOf(row.productId, row.variantId);
    return {
      id: row.id,
      variantId: row.variantId,
      productId: row.productId,
      productSlug: row.productSlug,
      productName: row.productName,
      variantName: row.variantName,
      options: row.options ?? {},
      sku: row.sku,
      unitPrice: row.unitPrice,
      compareAtPrice: row.compareAtPrice,
      quantity: row.quantity,
      weightGrams: row.weightGrams,
      available: availability.get(row.variantId)?.available ?? 0,
      held: availability.get(row.variantId)?.reserved ?? 0,
      heldUntil: availability.get(row.variantId)?.heldUntil ?? null,
      isPurchasable: row.productStatus === "active" && row.variantIsActive,
      image: image ? { url: image.url, alt: image.alt } : null,
    };
  });
  const purchasable = items.filter((item) => item.isPurchasable);
  return {
    id: cartId,
    items,
    subtotal: purchasable.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0),
    currency: settings.currency,
    count: purchasable.reduce((sum, item) => sum + item.quantity, 0),
    maxQuantityPerLine: settings.maxUnitsPerVariant,
  };
}
