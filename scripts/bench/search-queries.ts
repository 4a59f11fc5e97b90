// Times the storefront search (searchProducts, as /search runs it) over a set of queries, in this process.
import { sql } from "drizzle-orm";
import { searchProducts } from "@/lib/catalog/search-products";
import type { Db } from "@/lib/db";

/** What shoppers type: a name, a colourway, a fibre, two words, a prefix, a miss, and hostile syntax. */
export const SEARCH_QUERIES = ["merino", "Heather", "bfl", "alpaca silk", "sock yarn", "meri", "mo", "Merino Sock", "chunky merino", "loch dk", "qwzx", '"NEAR( OR -'];

export type SearchTiming = { queries: number; runs: number; medianMs: number; p95Ms: number; maxMs: number; products: number; indexBytes: number | null };

/** The index's pages on disk (dbstat), or null where the build of SQLite has no dbstat. */
async function indexBytes(read: Db): Promise<number | null> {
  try {
    const [row] = await read.all<{ bytes: number | null }>(sql`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'catalog_search%'`);
    return row?.bytes ?? null;
  } catch {
    return null;
  }
}

/** Each query once to warm up, then `runs` timed rounds over all of them; one time per query. */
export async function measureSearch(read: Db, runs: number): Promise<SearchTiming> {
  for (const query of SEARCH_QUERIES) await searchProducts(read, query);
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    for (const query of SEARCH_QUERIES) {
      const startedAt = performance.now();
      await searchProducts(read, query);
      times.push(performance.now() - startedAt);
    }
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.ceil(share * times.length) - 1)]!;
  const [count] = await read.all<{ n: number }>(sql`SELECT count(*) AS n FROM products`);
  return { queries: SEARCH_QUERIES.length, runs, medianMs: at(0.5), p95Ms: at(0.95), maxMs: times.at(-1)!, products: Number(count?.n ?? 0), indexBytes: await indexBytes(read) };
}
