// The products' writer for the admin: a product with its images, collections and variants in one
// transaction; a new variant's opening stock goes through the ledger like every stock change.
import { and, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import { CACHE_TAGS, revalidateAfter } from "@/lib/cache/cache-tags";
import { writeTransaction, type Tx } from "@/lib/db";
import { isConstraintError } from "@/lib/db/errors";
import { collections, productCollections, productImages, products, productVariants, sqlNow } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/app-error";
import { adjustStock } from "@/lib/inventory/stock";
import { assertUploadsStored } from "@/lib/uploads/assert-uploads-stored";
import { variantDisplayName, type ProductInput } from "./product-input";
import { refreshSearchEntry } from "./search-index";

type FieldError = { path: string; message: string };

const conflict = (errors: FieldError[]) => new AppError("conflict", errors.map((error) => error.message).join(" "), errors);

/**
 * Slugs and SKUs are UNIQUE in the database, which is the real guard. Looking first turns the
 * usual clash into an error on the field that caused it; a race past the lookup still meets the
 * constraint, answered as the same 409.
 */
async function assertUnique(tx: Tx, input: ProductInput, productId: number | null): Promise<void> {
  const errors: FieldError[] = [];
  const [slugClash] = await tx
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.slug, input.slug), productId === null ? undefined : ne(products.id, productId)));
  if (slugClash) errors.push({ path: "slug", message: "Another product already uses this slug." });
  const skuClashes = await tx
    .select({ sku: productVariants.sku })
    .from(productVariants)
    .where(and(inArray(productVariants.sku, input.variants.map((variant) => variant.sku)), productId === null ? undefined : ne(productVariants.productId, productId)));
  const taken = new Set(skuClashes.map((row) => row.sku));
  for (const [index, variant] of input.variants.entries()) {
    if (taken.has(variant.sku)) errors.push({ path: `variants.${index}.sku`, message: `The SKU ${variant.sku} belongs to another product.` });
  }
  if (errors.length > 0) throw conflict(errors);
}

async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isConstraintError(error, "UNIQUE")) throw error;
    const message = String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message);
    if (message.includes("products.slug")) throw conflict([{ path: "slug", message: "Another product already uses this slug." }]);
    throw conflict([{ path: "variants", message: "A SKU is already in use by another variant." }]);
  }
}

async function assertCollectionsExist(tx: Tx, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.select({ id: collections.id }).from(collections).where(inArray(collections.id, [...ids]));
  if (found.length !== new Set(ids).size) throw new AppError("bad_request", "A chosen collection no longer exists.", [{ path: "collectionIds", message: "A chosen collection no longer exists." }]);
}

const photoFields = (input: ProductInput) => input.images.map((image, index) => ({ path: `images.${index}.url`, url: image.url }));

/** Every photo of the product is replaced by the form's list, each tied to its colourway by SKU. */
async function writeImages(tx: Tx, productId: number, input: ProductInput): Promise<void> {
  await tx.delete(productImages).where(eq(productImages.productId, productId));
  if (input.images.length === 0) return;
  const variantIds = new Map(
    (await tx.select({ id: productVariants.id, sku: productVariants.sku }).from(productVariants).where(eq(productVariants.productId, productId))).map((row) => [row.sku, row.id]),
  );
  await tx.insert(productImages).values(
    input.images.map((image, position) => ({
      productId,
      variantId: image.variantSku === null ? null : (variantIds.get(image.variantSku) ?? null),
      url: image.url,
      alt: image.alt,
      position,
    })),
  );
}

async function writeCollections(tx: Tx, productId: number, input: ProductInput): Promise<void> {
  // The product keeps its place in the collections it stays in (the owner orders each collection on
  // /admin/collections); a collection it joins lists it last.
  const chosen = [...new Set(input.collectionIds)];
  await tx
    .delete(productCollections)
    .where(and(eq(productCollections.productId, productId), chosen.length > 0 ? notInArray(productCollections.collectionId, chosen) : undefined));
  const kept = new Set(
    (await tx.select({ id: productCollections.collectionId }).from(productCollections).where(eq(productCollections.productId, productId))).map((row) => row.id),
  );
  const joined = chosen.filter((collectionId) => !kept.has(collectionId));
  if (joined.length > 0) {
    await tx.insert(productCollections).values(
      joined.map((collectionId) => ({
        productId,
        collectionId,
        position: sql`(SELECT coalesce(max(${productCollections.position}), -1) + 1 FROM ${productCollections} WHERE ${productCollections.collectionId} = ${collectionId})`,
      })),
    );
  }
}

function variantValues(variant: ProductInput["variants"][number], position: number) {
  return {
    sku: variant.sku,
    name: variantDisplayName(variant),
    options: variant.options,
    price: variant.price,
    compareAtPrice: variant.compareAtPrice,
    weightGrams: variant.weightGrams,
    isActive: variant.isActive,
    position,
  };
}

async function insertVariant(tx: Tx, productId: number, variant: ProductInput["variants"][number], position: number, actor: string): Promise<void> {
  // Inserted at zero, then given its opening stock through the ledger, so the ledger sums to stock from the first row.
  const [row] = await guarded(() => tx.insert(productVariants).values({ ...variantValues(variant, position), productId, stock: 0 }).returning({ id: productVariants.id }));
  if (variant.initialStock > 0) {
    await adjustStock(tx, { variantId: row!.id, delta: variant.initialStock, reason: "initial", actor, note: "Opening stock" });
  }
}

export async function createProduct(input: ProductInput, actor: string): Promise<{ id: number; slug: string }> {
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    await assertUnique(tx, input, null);
    await assertCollectionsExist(tx, input.collectionIds);
    await assertUploadsStored(tx, photoFields(input));
    const [product] = await guarded(() =>
      tx
        .insert(products)
        .values({ slug: input.slug, name: input.name, description: input.description, status: input.status, isFeatured: input.isFeatured })
        .returning({ id: products.id, slug: products.slug }),
    );
    const productId = product!.id;
    await writeCollections(tx, productId, input);
    for (const [position, variant] of input.variants.entries()) await insertVariant(tx, productId, { ...variant, id: undefined }, position, actor);
    await writeImages(tx, productId, input);
    await refreshSearchEntry(tx, productId);
    await recordAudit(tx, { actor, action: "product.created", entityType: "product", entityId: productId, data: { slug: input.slug, name: input.name, variants: input.variants.length } });
    return product!;
  }));
}

/**
 * Variants listed with an id are updated (never their stock: that moves only through the ledger);
 * new ones are added with their opening stock. Variants left out stay as they are: a variant that
 * has sold is switched off (isActive), not deleted, so past orders and its stock history remain.
 */
export async function updateProduct(productId: number, input: ProductInput, actor: string): Promise<{ id: number; slug: string }> {
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    const [existing] = await tx.select().from(products).where(eq(products.id, productId));
    if (!existing) throw new AppError("not_found", "That product was not found.");
    await assertUnique(tx, input, productId);
    await assertCollectionsExist(tx, input.collectionIds);
    await assertUploadsStored(tx, photoFields(input));
    const ownIds = new Set(
      (await tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, productId))).map((row) => row.id),
    );
    for (const [index, variant] of input.variants.entries()) {
      if (variant.id !== undefined && !ownIds.has(variant.id)) {
        throw new AppError("bad_request", "A variant does not belong to this product.", [{ path: `variants.${index}`, message: "This variant belongs to another product." }]);
      }
    }
    await guarded(() =>
      tx
        .update(products)
        .set({ slug: input.slug, name: input.name, description: input.description, status: input.status, isFeatured: input.isFeatured, updatedAt: sqlNow })
        .where(eq(products.id, productId)),
    );
    await writeCollections(tx, productId, input);
    const keptIds = input.variants.flatMap((variant) => (variant.id === undefined ? [] : [variant.id]));
    // Variants left out of the form keep their place after the listed ones.
    await tx
      .update(productVariants)
      .set({ position: input.variants.length })
      .where(and(eq(productVariants.productId, productId), keptIds.length > 0 ? notInArray(productVariants.id, keptIds) : undefined));
    for (const [position, variant] of input.variants.entries()) {
      if (variant.id === undefined) await insertVariant(tx, productId, variant, position, actor);
      else await guarded(() => tx.update(productVariants).set({ ...variantValues(variant, position), updatedAt: sqlNow }).where(eq(productVariants.id, variant.id!)));
    }
    await writeImages(tx, productId, input);
    await refreshSearchEntry(tx, productId);
    await recordAudit(tx, {
      actor,
      action: "product.updated",
      entityType: "product",
      entityId: productId,
      data: { slug: input.slug, name: input.name, status: { from: existing.status, to: input.status }, variants: input.variants.length },
    });
    return { id: productId, slug: input.slug };
  }));
}
