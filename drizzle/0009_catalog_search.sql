-- The storefront's search index (issue 22): one row per product, rowid = products.id, kept in step
-- by the catalog's writers (lib/catalog/search-index.ts) and rebuilt by the bulk loaders. Colourways
-- are the active variants' names and the option values their names do not already spell out.
-- remove_diacritics 2 lets "creme" find "Crème".
CREATE VIRTUAL TABLE `catalog_search` USING fts5(name, colourways, description, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `catalog_search` (rowid, name, colourways, description)
SELECT p.id, p.name,
  coalesce((SELECT group_concat(term, ' ') FROM (
    SELECT v.name AS term FROM product_variants v WHERE v.product_id = p.id AND v.is_active = 1
    UNION ALL
    SELECT o.value FROM product_variants v, json_each(v.options) o
    WHERE v.product_id = p.id AND v.is_active = 1 AND instr(lower(v.name), lower(o.value)) = 0
  )), ''),
  p.description
FROM products p;
