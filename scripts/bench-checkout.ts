// npm run bench:checkout [url] – checkouts per second and latency at 1, 16 and 64 shoppers, against GET /api/health
//
// Run it against a production build using the local payment provider (never real Stripe):
//   npm run build && PAYMENTS_PROVIDER=local npm start -- --port 3141
//   npm run bench:checkout -- http://127.0.0.1:3141
// The shoppers' carts are made through the cart API. Each shopper then checks out again and again;
// every new checkout replaces the shopper's previous one (releasing its reservation), so the shop
// never runs out of stock however long the run, and at most one unit per shopper stays held
// (until the reservations expire, ~36 minutes later). The database is read only to pick variants
// that have stock to spare (DATABASE_URL, as for the server); or pass BENCH_VARIANT_IDS=1,2,3.
//
// Then it measures order creation by the payment webhook: for each level it prepares checkouts
// through the API (untimed), and POSTs a signed `checkout.session.completed` for each, `level` at a
// time, timing only the webhook. Those orders consume stock, so the bench adds one "Bench skein"
// product with plenty of stock (a ledger row records it) to the database: run it on a throwaway
// database, never a real shop's. The server and the bench must share STRIPE_WEBHOOK_SECRET.
import { closeDb } from "@/lib/db";
import { format, formatTable, oddStatuses, openConnections, runLevel, runQueue, timed } from "./bench/http-load";
import { assertLocalPayments, benchVariantId, checkout, createCarts, deliver, loopbackOrigin, preparePaidEvents } from "./bench/shop-load";

const LEVELS = [1, 16, 64] as const;
const SHOPPERS = Math.max(...LEVELS);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5_000);
/** Orders created by the webhook per level (each needs a cart and a checkout made first). */
const ORDERS_PER_LEVEL = Number(process.env.BENCH_ORDERS_PER_LEVEL ?? 192);

async function main(): Promise<void> {
  const origin = loopbackOrigin(process.argv[2] ?? process.env.BENCH_URL ?? "http://127.0.0.1:3141");
  const health = await fetch(`${origin}/api/health`).catch(() => null);
  if (!health?.ok) throw new Error(`No healthy server at ${origin} (GET /api/health). Start a production build first.`);
  const healthAt = async (level: number) => {
    await openConnections(origin, level);
    return runLevel(level, DURATION_MS, () => timed(`${origin}/api/health`, { cache: "no-store" }));
  };

  console.log(`Checkout benchmark against ${origin}: ${DURATION_MS / 1000} s per level, shoppers ${LEVELS.join(", ")}.`);
  const cookies = await createCarts(origin, SHOPPERS);
  await assertLocalPayments(origin, cookies[0]!);
  // Warm both paths (JIT, connection pools) so the first level is not measuring start-up.
  await Promise.all(cookies.slice(0, 8).map((cookie) => checkout(origin, cookie)));
  await Promise.all(Array.from({ length: 8 }, () => timed(`${origin}/api/health`)));

  const rows: string[][] = [];
  for (const level of LEVELS) {
    await openConnections(origin, level);
    const checkouts = await runLevel(level, DURATION_MS, (worker) => checkout(origin, cookies[worker]!));
    const floor = await healthAt(level);
    rows.push([
      String(level),
      format(checkouts.perSecond),
      format(checkouts.p50),
      format(checkouts.p99),
      String(checkouts.failures),
      format(floor.perSecond),
      format(floor.p50),
      format(floor.p99),
      `${format((checkouts.perSecond / floor.perSecond) * 100)}%`,
    ]);
    if (oddStatuses(checkouts)) console.log(`  ${level} shoppers: non-200 checkout answers ${oddStatuses(checkouts)}`);
  }

  console.log(formatTable(["shoppers", "checkouts/s", "p50 ms", "p99 ms", "failed", "health req/s", "p50 ms", "p99 ms", "checkout/health"], rows));
  console.log(`Each shopper's last checkout still holds one unit until its reservation expires (${SHOPPERS} units at most).`);

  console.log(`\nWebhook order creation: ${ORDERS_PER_LEVEL} signed checkout.session.completed events per level.`);
  const variantId = await benchVariantId(ORDERS_PER_LEVEL * LEVELS.length + SHOPPERS);
  const webhookRows: string[][] = [];
  for (const level of LEVELS) {
    process.stdout.write(`  preparing ${ORDERS_PER_LEVEL} checkouts for ${level} concurrent deliveries …\n`);
    const events = await preparePaidEvents(origin, variantId, ORDERS_PER_LEVEL);
    await openConnections(origin, level);
    const orders = await runQueue(level, events, (event) => deliver(origin, event));
    const floor = await healthAt(level);
    webhookRows.push([
      String(level),
      format(orders.perSecond),
      format(orders.p50),
      format(orders.p99),
      String(orders.failures),
      format(floor.perSecond),
      `${format((orders.perSecond / floor.perSecond) * 100)}%`,
    ]);
    if (oddStatuses(orders)) console.log(`  ${level} deliveries: non-200 webhook answers ${oddStatuses(orders)}`);
  }
  console.log(formatTable(["deliveries", "orders/s", "p50 ms", "p99 ms", "failed", "health req/s", "orders/health"], webhookRows));
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
