-- The storefront's search index (issue 22): one row per product, rowid = products.id, kept in step
-- by the catalog's writers and rebuilt by the bulk loaders (lib/catalog/search-index.ts, whose
-- statement fills it here). remove_diacritics 2 lets "creme" find "Crème".
CREATE VIRTUAL TABLE `catalog_search` USING fts5(name, colourways, description, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO catalog_search (rowid, name, colourways, description) SELECT id, name, colourways, description FROM (SELECT p.id AS id, p.name AS name,
  coalesce((SELECT group_concat(term, ' ') FROM (
    SELECT v.position AS at, v.id AS variant, 0 AS part, v.name AS term FROM product_variants v WHERE v.product_id = p.id AND v.is_active = 1
    UNION ALL
    SELECT v.position, v.id, 1 + o.id, o.value FROM product_variants v, json_each(v.options) o
    WHERE v.product_id = p.id AND v.is_active = 1 AND instr(lower(v.name), lower(o.value)) = 0
    ORDER BY at, variant, part
  )), '') AS colourways,
  p.description AS description
FROM products p);
