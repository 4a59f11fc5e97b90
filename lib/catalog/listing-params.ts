// Reads /products and /collections/[slug] query strings; anything unexpected falls back to a default.
import { z } from "zod";

export const PRODUCT_SORTS = ["newest", "price-asc", "price-desc"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const SORT_LABELS: Record<ProductSort, string> = {
  newest: "Newest",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
};

export const PRODUCTS_PER_PAGE = 12;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const listingParams = z.object({
  sort: z.preprocess(firstValue, z.enum(PRODUCT_SORTS)).catch("newest"),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(10_000)).catch(1),
  collection: z.preprocess(firstValue, z.string().trim().regex(/^[a-z0-9-]{1,120}$/).optional()).catch(undefined),
});

export type ListingParams = z.infer<typeof listingParams>;

/** Never throws: a shared link with `?page=abc` shows page 1 instead of an error. */
export function parseListingParams(searchParams: Record<string, string | string[] | undefined>): ListingParams {
  return listingParams.parse(searchParams);
}
