// Reads /products and /collections/[slug] query strings; anything unexpected falls back to a default.
import { z } from "zod";

export const PRODUCT_SORTS = ["newest", "price-asc", "price-desc"] as const;
/** A collection page adds the owner's own order of its products (/admin/collections) and opens in it. */
export const COLLECTION_SORTS = ["featured", ...PRODUCT_SORTS] as const;
export type ProductSort = (typeof COLLECTION_SORTS)[number];

export const SORT_LABELS: Record<ProductSort, string> = {
  featured: "Featured",
  newest: "Newest",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
};

export const PRODUCTS_PER_PAGE = 12;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

function listingParams(sorts: readonly [ProductSort, ...ProductSort[]]) {
  return z.object({
    sort: z.preprocess(firstValue, z.enum(sorts)).catch(sorts[0]),
    page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(10_000)).catch(1),
    collection: z.preprocess(firstValue, z.string().trim().regex(/^[a-z0-9-]{1,120}$/).optional()).catch(undefined),
  });
}

export type ListingParams = { sort: ProductSort; page: number; collection?: string };

/**
 * Never throws: a shared link with `?page=abc` shows page 1 instead of an error. The first of `sorts`
 * is the listing's default.
 */
export function parseListingParams(
  searchParams: Record<string, string | string[] | undefined>,
  sorts: readonly [ProductSort, ...ProductSort[]] = PRODUCT_SORTS,
): ListingParams {
  return listingParams(sorts).parse(searchParams);
}
