// npm run bench:analytics – times every analytics range's queries against DATABASE_URL and prints them
//
// Read-only: it runs the same report the admin page and GET /api/admin/analytics run (getAnalytics),
// for 7d, 30d, 90d, all and a custom year, a few times each after one warm-up, and prints the
// median and slowest time per range with the number of orders in the database. The target is
// well under a second per range at 100,000 orders (`npm run db:seed -- --orders 100000`).
//   DATABASE_URL=file:./data/bench.db npm run bench:analytics
//   BENCH_RUNS=10 npm run bench:analytics
import { sql } from "drizzle-orm";
import { closeDb, db } from "@/lib/db";
import { connectionConfig } from "@/lib/db/connection";
import { measureAnalytics } from "./bench/analytics-ranges";

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
/** What "well under a second" means here: a range slower than this is flagged. */
const BUDGET_MS = 500;

const read = await db();
const [counts] = await read.all<{ orders: number; items: number; checkouts: number; sessions: number }>(sql`
  SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_items) AS items,
         (SELECT count(*) FROM checkouts) AS checkouts, (SELECT count(*) FROM storefront_sessions) AS sessions`);
console.log(`Analytics bench on ${connectionConfig().url}`);
console.log(`${counts?.orders} orders, ${counts?.items} order items, ${counts?.checkouts} checkouts, ${counts?.sessions} storefront sessions; ${RUNS} runs per range after one warm-up.\n`);
console.log(["range".padEnd(16), "median ms".padStart(10), "max ms".padStart(8), "statements".padStart(11), "orders in range".padStart(16), ""].join("  "));

let slowest = 0;
for (const timing of await measureAnalytics(read, RUNS)) {
  slowest = Math.max(slowest, timing.maxMs);
  console.log(
    [
      timing.label.padEnd(16),
      timing.medianMs.toFixed(1).padStart(10),
      timing.maxMs.toFixed(1).padStart(8),
      String(timing.statements).padStart(11),
      String(timing.orders).padStart(16),
      timing.maxMs > BUDGET_MS ? "SLOW" : "",
    ].join("  "),
  );
}
console.log(`\nSlowest report: ${slowest.toFixed(1)} ms (budget ${BUDGET_MS} ms per range, report and its previous period together).`);
await closeDb();
