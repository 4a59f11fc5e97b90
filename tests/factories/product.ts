// Test factories for the catalog: products with variants, images and collections. Stock always arrives through the ledger.
import { randomBytes, randomUUID } from "node:crypto";
import { writeTransaction, type Tx } from "@/lib/db";
import { collections, productCollections, productImages, products, productVariants, type ProductStatus } from "@/lib/db/schema";
import { incrementStock } from "@/lib/inventory/stock";

let sequence = 0;
const next = () => (sequence += 1);
const unique = () => randomBytes(5).toString("hex");

/** Gives a new variant its starting stock as every stock change arrives: a move with its ledger row. */
async function stockVariant(tx: Tx, variantId: number, stock: number): Promise<void> {
  if (stock > 0) await incrementStock(tx, { variantId, quantity: stock, reason: "initial", actor: "test" });
}

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

/** An active product with one 500-unit variant unless told otherwise, with images and collections. */
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
          weightGrams: variant.weightGrams ?? 100,
          isActive: variant.isActive ?? true,
          position: index,
        })),
      )
      .returning();
    for (const [index, variant] of variants.entries()) await stockVariant(tx, variant.id, variantSpecs[index]!.stock ?? 500);
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
      variants: variants.map((variant, index) => ({
        id: variant.id,
        sku: variant.sku,
        name: variant.name,
        price: variant.price,
        stock: variantSpecs[index]!.stock ?? 500,
      })),
    };
  });
}

export type TestVariant = { variantId: number; productId: number; sku: string; price: number; productName: string; variantName: string; weightGrams: number };

export type TestVariantSpec = {
  /** The product's name. */
  name?: string;
  variantName?: string;
  price?: number;
  stock?: number;
  weightGrams?: number;
  isActive?: boolean;
  productStatus?: ProductStatus;
};

/** A product with one variant (10 in stock at 1800 unless told otherwise): the unit of most order and checkout tests. */
export async function createVariant(spec: TestVariantSpec = {}): Promise<TestVariant> {
  const id = unique();
  const productName = spec.name ?? "Moorland Merino";
  const variantName = spec.variantName ?? "Heather / 4ply";
  const price = spec.price ?? 1800;
  const weightGrams = spec.weightGrams ?? 100;
  return writeTransaction(async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({ slug: `product-${id}`, name: productName, status: spec.productStatus ?? "active" })
      .returning({ id: products.id });
    const [variant] = await tx
      .insert(productVariants)
      .values({ productId: product!.id, sku: `SKU-${id}`.toUpperCase(), name: variantName, price, weightGrams, isActive: spec.isActive ?? true })
      .returning({ id: productVariants.id, sku: productVariants.sku });
    await stockVariant(tx, variant!.id, spec.stock ?? 10);
    return { variantId: variant!.id, productId: product!.id, sku: variant!.sku, price, productName, variantName, weightGrams };
  });
}

/** Many variants of one product in one transaction (a 50-line cart). */
export async function createVariants(count: number, spec: Omit<TestVariantSpec, "variantName"> = {}): Promise<TestVariant[]> {
  const id = unique();
  const productName = spec.name ?? `Bulk ${id}`;
  const price = spec.price ?? 500;
  const weightGrams = spec.weightGrams ?? 10;
  return writeTransaction(async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({ slug: `bulk-${id}`, name: productName, status: spec.productStatus ?? "active" })
      .returning({ id: products.id });
    const rows = await tx
      .insert(productVariants)
      .values(
        Array.from({ length: count }, (_, i) => ({
          productId: product!.id,
          sku: `BULK-${id}-${i}`,
          name: `Shade ${i}`,
          price,
          weightGrams,
          isActive: spec.isActive ?? true,
        })),
      )
      .returning({ id: productVariants.id, sku: productVariants.sku, name: productVariants.name });
    for (const row of rows) await stockVariant(tx, row.id, spec.stock ?? 10);
    return rows.map((row) => ({ variantId: row.id, productId: product!.id, sku: row.sku, price, productName, variantName: row.name, weightGrams }));
  });
}

export async function createCollection(spec: { name?: string; slug?: string; isFeatured?: boolean; isPublished?: boolean; description?: string } = {}) {
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
        isPublished: spec.isPublished ?? true,
        position: n,
      })
      .returning();
    return collection!;
  });
}
