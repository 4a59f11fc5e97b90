// What the owner may save as a collection, and the order of the collections: one zod schema each for
// the API, its tests and the form's field errors.
import { z } from "zod";
import { catalogSlug, imageUrl } from "./product-input";

export const MAX_COLLECTION_PRODUCTS = 500;

const id = z.number().int().positive();

/** Reports each repeat at its own index, so the form can point at the second listing. */
function refuseRepeats(ids: readonly number[], context: z.RefinementCtx, path: string, message: string): void {
  const seen = new Set<number>();
  for (const [index, value] of ids.entries()) {
    if (seen.has(value)) context.addIssue({ code: "custom", path: [path, index], message });
    seen.add(value);
  }
}

export const collectionInput = z
  .object({
    /** The title shoppers see (the `name` column). */
    name: z.string().trim().min(1, "Give the collection a title.").max(120),
    slug: catalogSlug,
    description: z.string().trim().max(2000).default(""),
    /** An empty field means "no photo of its own": the storefront then shows its first product's. */
    imageUrl: z.preprocess((value) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value), imageUrl.nullable()),
    isPublished: z.boolean().default(true),
    /** Shown on the home page as well as on /collections. */
    isFeatured: z.boolean().default(false),
    /** The products in the collection, in the order shoppers see them. */
    productIds: z.array(id).max(MAX_COLLECTION_PRODUCTS).default([]),
  })
  .superRefine((input, context) => refuseRepeats(input.productIds, context, "productIds", "This product is already in the collection."));
export type CollectionInput = z.infer<typeof collectionInput>;

/** Every collection's id, first shown first: the whole order at once, so a reorder is one write. */
export const collectionOrderInput = z
  .object({ ids: z.array(id).min(1).max(1000) })
  .superRefine((input, context) => refuseRepeats(input.ids, context, "ids", "A collection is listed twice."));
export type CollectionOrderInput = z.infer<typeof collectionOrderInput>;
