// Test factories for the catalog and carts: products with variants, images, collections and reservations.
import { randomUUID } from "node:crypto";
import { writeTransaction } from "@/lib/db";
import {
  cartItems,
  carts,
  checkouts,
  collections,
  productCollections,
  productImages,
  products,
  productVariants,
  stockReservations,
  type ProductStatus,
} from "@/lib/db/schema";
import { newCartId } from "@/lib/cart/cart-cookie";
import { isoAfter } from "@/lib/time";

let sequence = 0;
const next = () => (sequence += 1);

export type VariantSpec = {
  name?: string;
  options?: Record<string, string>;
  price?: number;
  compareAtPrice?: number | null;
  stock?: number;
  weightGrams?: number;
  isActive?: boolean;
  sku?: string;
  /** A colourway image shown when this variant is picked. */
  imageUrl?: string;
};

export type ProductSpec = {
  name?: string;
  slug?: string;
  description?: string;
  status?: ProductStatus;
  isFeatured?: boolean;
  createdAt?: string;
  variants?: VariantSpec[];
  images?: { url: string; alt?: string }[];
  collectionIds?: number[];
};

export type CreatedProduct = {
  id: number;
  slug: string;
  name: string;
  variants: { id: number; sku: string; name: string; price: number; stock: number }[];
};

const swatch = (label: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>${label}</title><rect width="10" height="10" fill="#8a9a5b"/></svg>`)}`;

/** An active product with one 500-unit variant unless told otherwise. */
export async function createProduct(spec: ProductSpec = {}): Promise<CreatedProduct> {
  const n = next();
  const name = spec.name ?? `Test yarn ${n}`;
  const slug = spec.slug ?? `test-yarn-${n}-${randomUUID().slice(0, 8)}`;
  const variantSpecs = spec.variants ?? [{}];
  return writeTransaction(async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({
        slug,
        name,
        description: spec.description ?? `${name}, dyed by hand in small batches.`,
        status: spec.status ?? "active",
        isFeatured: spec.isFeatured ?? false,
        ...(spec.createdAt ? { createdAt: spec.createdAt, updatedAt: spec.createdAt } : {}),
      })
      .returning();
    const productId = product!.id;
    const variants = await tx
      .insert(productVariants)
      .values(
        variantSpecs.map((variant, index) => ({
          productId,
          sku: variant.sku ?? `${slug}-${index + 1}`.toUpperCase(),
          name: variant.name ?? (Object.values(variant.options ?? {}).join(" / ") || "Default"),
          options: variant.options ?? {},
          price: variant.price ?? 1800,
          compareAtPrice: variant.compareAtPrice ?? null,
          stock: variant.stock ?? 500,
          weightGrams: variant.weightGrams ?? 100,
          isActive: variant.isActive ?? true,
          position: index,
        })),
      )
      .returning();
    const images = [
      ...(spec.images ?? [{ url: swatch(name), alt: `${name} skein` }]).map((image, index) => ({
        productId,
        url: image.url,
        alt: image.alt ?? name,
        position: index,
        variantId: null as number | null,
      })),
      ...variantSpecs.flatMap((variant, index) =>
        variant.imageUrl
          ? [{ productId, url: variant.imageUrl, alt: `${name} in ${variants[index]!.name}`, position: 100 + index, variantId: variants[index]!.id }]
          : [],
      ),
    ];
    if (images.length > 0) await tx.insert(productImages).values(images);
    if (spec.collectionIds?.length) {
      await tx.insert(productCollections).values(spec.collectionIds.map((collectionId, position) => ({ productId, collectionId, position })));
    }
    return {
      id: productId,
      slug,
      name,
      variants: variants.map((variant) => ({ id: variant.id, sku: variant.sku, name: variant.name, price: variant.price, stock: variant.stock })),
    };
  });
}

export async function createCollection(spec: { name?: string; slug?: string; isFeatured?: boolean; description?: string } = {}) {
  const n = next();
  const name = spec.name ?? `Collection ${n}`;
  return writeTransaction(async (tx) => {
    const [collection] = await tx
      .insert(collections)
      .values({
        slug: spec.slug ?? `collection-${n}-${randomUUID().slice(0, 8)}`,
        name,
        description: spec.description ?? `${name} for testing.`,
        isFeatured: spec.isFeatured ?? false,
        position: n,
      })
      .returning();
    return collection!;
  });
}

/** A cart holding the given lines, as if the shopper had added them. */
export async function createCart(lines: { variantId: number; quantity: number }[] = []): Promise<string> {
  const cartId = newCartId();
  await writeTransaction(async (tx) => {
    await tx.insert(carts).values({ id: cartId });
    if (lines.length > 0) await tx.insert(cartItems).values(lines.map((line) => ({ cartId, ...line })));
  });
  return cartId;
}

/**
 * An open checkout holding `quantity` units of a variant until `expiresAt` (default: 30 minutes
 * from now), as the checkout flow would leave it. Pass a past time for an expired hold.
 */
export async function createReservation(params: {
  variantId: number;
  quantity: number;
  expiresAt?: string;
  cartId?: string;
}): Promise<string> {
  const checkoutId = `chk_test_${randomUUID()}`;
  const expiresAt = params.expiresAt ?? isoAfter(30 * 60_000);
  await writeTransaction(async (tx) => {
    await tx.insert(checkouts).values({
      id: checkoutId,
      cartId: params.cartId ?? newCartId(),
      country: "GB",
      lines: [],
      quote: {},
      currency: "GBP",
      subtotal: 0,
      paymentProvider: "local",
      expiresAt,
    });
    await tx.insert(stockReservations).values({ checkoutId, variantId: params.variantId, quantity: params.quantity, expiresAt });
  });
  return checkoutId;
}
