// npm run bench:search – times the storefront search against DATABASE_URL and prints median and p95
//
// Read-only: it runs searchProducts (what /search runs) over a fixed set of queries, a few rounds
// after one warm-up, in this process, and prints the index's size. At scale:
//   DATABASE_URL=file:./data/bench.db npm run db:seed -- --orders 1000 --variants 10000
//   DATABASE_URL=file:./data/bench.db npm run bench:search
//   BENCH_RUNS=50 npm run bench:search
import { closeDb, db } from "@/lib/db";
import { connectionConfig } from "@/lib/db/connection";
import { measureSearch, SEARCH_QUERIES } from "./bench/search-queries";

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 20));

const read = await db();
console.log(`Search bench on ${connectionConfig().url}: ${SEARCH_QUERIES.length} queries × ${RUNS} runs after one warm-up.`);
const timing = await measureSearch(read, RUNS);
const size = timing.indexBytes === null ? "unknown (no dbstat)" : `${(timing.indexBytes / 1024).toFixed(0)} KiB`;
console.log(`${timing.products} products; search median ${timing.medianMs.toFixed(2)} ms, p95 ${timing.p95Ms.toFixed(2)} ms, max ${timing.maxMs.toFixed(2)} ms per query; index ${size}.`);
await closeDb();
