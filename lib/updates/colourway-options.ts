// The colourways the owner can put in a shop update, grouped by product, for the update form's picker.
import { asc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { products, productVariants } from "@/lib/db/schema";

export type ColourwayOption = { variantId: number; productId: number; productName: string; productSlug: string; variantName: string; stock: number };

/** Every variant of every product not archived, one statement; drafts are included (an update often launches a new base). */
export async function listColourwayOptions(db: DbOrTx): Promise<ColourwayOption[]> {
  return db
    .select({
      variantId: productVariants.id,
      productId: products.id,
      productName: products.name,
      productSlug: products.slug,
      variantName: productVariants.name,
      stock: productVariants.stock,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(ne(products.status, "archived"))
    .orderBy(asc(products.name), asc(productVariants.position), asc(productVariants.id));
}
