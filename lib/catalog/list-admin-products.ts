// The admin's product list and edit form reads: every status, with variant counts, prices and stock.
import { and, asc, count, desc, eq, max, min, or, sql, sum } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import { PRODUCT_STATUSES, productCollections, productImages, products, productVariants, type ProductStatus } from "@/lib/db/schema";

export const ADMIN_PRODUCTS_PER_PAGE = 25;

export const adminProductsQuery = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  status: z.enum(["all", ...PRODUCT_STATUSES]).catch("all").default("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AdminProductsQuery = z.infer<typeof adminProductsQuery>;

export type AdminProductRow = {
  id: number;
  name: string;
  slug: string;
  status: ProductStatus;
  variantCount: number;
  minPrice: number | null;
  maxPrice: number | null;
  totalStock: number;
  updatedAt: string;
};

const containing = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** Two statements: the page (grouped over variants) and the count. */
export async function listAdminProducts(db: DbOrTx, query: Partial<AdminProductsQuery>) {
  const params = adminProductsQuery.parse(query);
  const where = and(
    params.status === "all" ? undefined : eq(products.status, params.status),
    params.q
      ? or(
          sql`${products.name} LIKE ${containing(params.q)} ESCAPE '\\'`,
          sql`${products.slug} LIKE ${containing(params.q)} ESCAPE '\\'`,
          sql`EXISTS (SELECT 1 FROM product_variants sv WHERE sv.product_id = ${products.id} AND sv.sku LIKE ${containing(params.q)} ESCAPE '\\')`,
        )
      : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: products.id,
        name: products.name,
        slug: products.slug,
        status: products.status,
        variantCount: count(productVariants.id),
        minPrice: min(productVariants.price),
        maxPrice: max(productVariants.price),
        totalStock: sum(productVariants.stock),
        updatedAt: products.updatedAt,
      })
      .from(products)
      .leftJoin(productVariants, eq(productVariants.productId, products.id))
      .where(where)
      .groupBy(products.id)
      .orderBy(desc(products.updatedAt), desc(products.id))
      .limit(ADMIN_PRODUCTS_PER_PAGE)
      .offset((params.page - 1) * ADMIN_PRODUCTS_PER_PAGE),
    db.select({ total: count() }).from(products).where(where),
  ]);
  const total = Number(counted?.total ?? 0);
  return {
    query: params,
    rows: rows.map((row): AdminProductRow => ({ ...row, variantCount: Number(row.variantCount), totalStock: Number(row.totalStock ?? 0) })),
    total,
    pageCount: Math.max(1, Math.ceil(total / ADMIN_PRODUCTS_PER_PAGE)),
  };
}

export type ProductForEdit = NonNullable<Awaited<ReturnType<typeof getProductForEdit>>>;

/** Everything the edit form shows (every photo, each with the SKU of the colourway it shows), or null for an unknown product. */
export async function getProductForEdit(db: DbOrTx, productId: number) {
  const [product] = await db.select().from(products).where(eq(products.id, productId));
  if (!product) return null;
  const [variants, images, collectionRows] = await Promise.all([
    db.select().from(productVariants).where(eq(productVariants.productId, productId)).orderBy(asc(productVariants.position), asc(productVariants.id)),
    db
      .select({ url: productImages.url, alt: productImages.alt, variantSku: productVariants.sku })
      .from(productImages)
      .leftJoin(productVariants, eq(productVariants.id, productImages.variantId))
      .where(eq(productImages.productId, productId))
      .orderBy(asc(productImages.position), asc(productImages.id)),
    db.select({ id: productCollections.collectionId }).from(productCollections).where(eq(productCollections.productId, productId)),
  ]);
  return {
    id: product.id,
    name: product.name,
    slug: product.slug,
    description: product.description,
    status: product.status,
    isFeatured: product.isFeatured,
    updatedAt: product.updatedAt,
    collectionIds: collectionRows.map((row) => row.id),
    images,
    variants: variants.map((variant) => ({
      id: variant.id,
      name: variant.name,
      options: variant.options,
      sku: variant.sku,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      weightGrams: variant.weightGrams,
      isActive: variant.isActive,
      stock: variant.stock,
    })),
  };
}
