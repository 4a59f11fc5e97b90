// Which of some product and variant ids still exist, for records that keep catalog links only while they do.
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { products, productVariants } from "@/lib/db/schema";

/** Two statements whatever the number of ids. */
export async function findExistingCatalogIds(
  db: DbOrTx,
  ids: { variantIds: readonly number[]; productIds: readonly number[] },
): Promise<{ variantIds: Set<number>; productIds: Set<number> }> {
  const variantIds = [...new Set(ids.variantIds)];
  const productIds = [...new Set(ids.productIds)];
  const [liveVariants, liveProducts] = await Promise.all([
    variantIds.length > 0 ? db.select({ id: productVariants.id }).from(productVariants).where(inArray(productVariants.id, variantIds)) : [],
    productIds.length > 0 ? db.select({ id: products.id }).from(products).where(inArray(products.id, productIds)) : [],
  ]);
  return { variantIds: new Set(liveVariants.map((row) => row.id)), productIds: new Set(liveProducts.map((row) => row.id)) };
}
