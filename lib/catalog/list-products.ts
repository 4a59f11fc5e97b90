// Product cards for listings: active products with their lowest price and first image, in a fixed number of queries.
import { and, asc, desc, eq, inArray, min, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { productImages, products, productVariants } from "@/lib/db/schema";

export type ProductCard = {
  id: number;
  slug: string;
  name: string;
  fromPrice: number;
  image: { url: string; alt: string } | null;
};

export async function listProductCards(db: DbOrTx, options: { featuredOnly?: boolean; limit?: number } = {}): Promise<ProductCard[]> {
  const rows = await db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      fromPrice: min(productVariants.price),
    })
    .from(products)
    .innerJoin(productVariants, and(eq(productVariants.productId, products.id), eq(productVariants.isActive, true)))
    .where(and(eq(products.status, "active"), options.featuredOnly ? eq(products.isFeatured, true) : undefined))
    .groupBy(products.id)
    .orderBy(desc(products.isFeatured), desc(products.createdAt), asc(products.id))
    .limit(options.limit ?? 48);
  if (rows.length === 0) return [];

  const images = await db
    .select({ productId: productImages.productId, url: productImages.url, alt: productImages.alt })
    .from(productImages)
    .where(
      and(
        inArray(
          productImages.productId,
          rows.map((row) => row.id),
        ),
        sql`${productImages.position} = (SELECT min(pi.position) FROM product_images pi WHERE pi.product_id = ${productImages.productId})`,
      ),
    );
  const imageByProduct = new Map(images.map((image) => [image.productId, { url: image.url, alt: image.alt }]));
  return rows.map((row) => ({ ...row, fromPrice: row.fromPrice ?? 0, image: imageByProduct.get(row.id) ?? null }));
}
