// The storefront search index (SQLite FTS5, made by migration 0009): one row per product, rowid =
// products.id, holding its name, its active colourways and its description.
//
// Kept in step by the catalog's writers rather than by triggers: an entry reads the product and
// every one of its variants, so a trigger per table would rebuild it once per variant row a save
// touches, and the bulk loaders would pay that per row instead of one rebuild at their end.
// Every product has an entry whatever its status; the search itself shows active products only, by
// the same rule as the listings, so a status change never waits on the index to hide a draft.
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";

export const SEARCH_TABLE = "catalog_search";

/**
 * An entry's columns, read from the catalog: the active variants' names, then the option values
 * their names do not already spell out (a custom name like "Seaside" for {colour: "Loch"}), in
 * the variants' order, so a refresh, a rebuild and db:check's comparison all read the same text.
 * Migration 0009 fills the index with the same statement (search-index.test.ts holds it to this).
 */
export const SEARCH_ENTRY_SELECT = `SELECT p.id AS id, p.name AS name,
  coalesce((SELECT group_concat(term, ' ') FROM (
    SELECT v.position AS at, v.id AS variant, 0 AS part, v.name AS term FROM product_variants v WHERE v.product_id = p.id AND v.is_active = 1
    UNION ALL
    SELECT v.position, v.id, 1 + o.id, o.value FROM product_variants v, json_each(v.options) o
    WHERE v.product_id = p.id AND v.is_active = 1 AND instr(lower(v.name), lower(o.value)) = 0
    ORDER BY at, variant, part
  )), '') AS colourways,
  p.description AS description
FROM products p`;

const INSERT_ENTRIES = `INSERT INTO catalog_search (rowid, name, colourways, description) SELECT id, name, colourways, description FROM (${SEARCH_ENTRY_SELECT})`;

/** The whole index rebuilt from the catalog, as plain statements a restore's own client can run too. */
export const REBUILD_SEARCH_INDEX_SQL = ["DELETE FROM catalog_search", INSERT_ENTRIES] as const;

/** Rewrites one product's entry (or drops it when the product is gone); call in the transaction that changed it. */
export async function refreshSearchEntry(tx: Tx, productId: number): Promise<void> {
  await tx.run(sql`DELETE FROM catalog_search WHERE rowid = ${productId}`);
  await tx.run(sql`${sql.raw(INSERT_ENTRIES)} WHERE id = ${productId}`);
}

/** Rebuilds the index from every product: the end of a bulk load (seed, restore, import). */
export async function rebuildSearchIndex(tx: Tx): Promise<void> {
  for (const statement of REBUILD_SEARCH_INDEX_SQL) await tx.run(sql.raw(statement));
}
