// The storefront search: product cards matching a shopper's words, exact name first, then by FTS5 rank.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { collections, products, productVariants } from "@/lib/db/schema";
import { listCollections, type CollectionSummary } from "./list-collections";
import { cardsFor, type ProductListing } from "./list-products";
import { PRODUCTS_PER_PAGE } from "./listing-params";

/** bm25 weights of the index's columns (name, colourways, description): a word in the name counts most. */
const COLUMN_WEIGHTS = sql.raw("10.0, 4.0, 1.0");

/**
 * The shopper's words as an FTS5 query that can never be read as syntax: split into runs of letters
 * and digits (so `"`, `*`, `-`, `(`, `^`, `:` are only separators), each run a quoted string, so
 * OR, NOT, AND and NEAR are words to find. All words must match; the last is also a prefix, so
 * "meri" finds merino while the shopper is still typing. Null when there is no word at all.
 */
export function ftsMatchExpression(text: string): string | null {
  const words = text.normalize("NFC").match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word, index) => `"${word.replaceAll('"', '""')}"${index === words.length - 1 ? "*" : ""}`).join(" ");
}

/** Active products with an active variant: the listings' rule (list-products.ts), read against the index's hits. */
const isListable = sql`${products.status} = 'active' AND EXISTS (
  SELECT 1 FROM ${productVariants} WHERE ${productVariants.productId} = ${products.id} AND ${productVariants.isActive} = 1)`;

export async function searchProducts(db: DbOrTx, text: string, options: { page?: number; perPage?: number } = {}): Promise<ProductListing> {
  const perPage = options.perPage ?? PRODUCTS_PER_PAGE;
  const page = Math.max(1, options.page ?? 1);
  const match = ftsMatchExpression(text);
  if (match === null) return { cards: [], total: 0, page, pageCount: 1, perPage };
  // The matches are found once and then drive the join (CROSS JOIN keeps them the outer loop):
  // left to the planner, SQLite scanned the active products and ran the MATCH once per product,
  // 300 ms instead of 5 ms for a word that 700 of 1,800 products hold.
  const hits = sql`WITH hits AS MATERIALIZED (
    SELECT rowid AS id, bm25(catalog_search, ${COLUMN_WEIGHTS}) AS score FROM catalog_search WHERE catalog_search MATCH ${match})`;
  const from = sql`FROM hits CROSS JOIN ${products} ON ${products.id} = hits.id WHERE ${isListable}`;
  // The total rides along on every row (the window counts before LIMIT), so a page costs one statement.
  const rows = await db.all<{ id: number; slug: string; name: string; total: number }>(sql`${hits}
    SELECT ${products.id} AS id, ${products.slug} AS slug, ${products.name} AS name, count(*) OVER () AS total ${from}
    ORDER BY lower(${products.name}) = lower(${text}) DESC, hits.score, ${products.id}
    LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`);
  // A page past the end has no row to carry the total: only then is it counted on its own.
  const [counted] = rows.length > 0 || page === 1 ? [] : await db.all<{ total: number }>(sql`${hits} SELECT count(*) AS total ${from}`);
  const total = Number(rows[0]?.total ?? counted?.total ?? 0);
  return { cards: await cardsFor(db, rows), total, page, pageCount: Math.max(1, Math.ceil(total / perPage)), perPage };
}

/** Where to send a shopper whose search found nothing: the published collections that list something. */
export async function searchSuggestions(db: DbOrTx): Promise<CollectionSummary[]> {
  const [listed, published] = await Promise.all([
    listCollections(db),
    db.select({ id: collections.id }).from(collections).where(eq(collections.isPublished, true)),
  ]);
  const isPublished = new Set(published.map((row) => row.id));
  return listed.filter((collection) => isPublished.has(collection.id));
}
