// The raw libSQL floor for a checkout's write: its exact guarded statements, run directly in one process.
//
// On a throwaway database of its own (DATABASE_URL, which it migrates and seeds with the demo shop)
// it makes a 3-line cart, quotes it, and builds the checkout's write (openCheckoutStatements: replace
// the cart's previous checkout, release its hold, insert the checkout, reserve every line, all
// guarded). Then, each for BENCH_FLOOR_MS in all, one at a time:
//   - interactive: BEGIN IMMEDIATE, the statements one by one, COMMIT (a raw libSQL client);
//   - batch: the same statements as one `batch(…, "write")`;
//   - app: openCheckout itself, through the app's write queue (writeBatch).
// Each repetition uses a fresh checkout id and replaces the previous one, so every write does real
// work; the three ways alternate in slices of 200 ms, so each meets the same growing table. Run by `npm run bench`; standalone it prints its result as JSON:
//   DATABASE_URL=file:./.tmp/floor.db npx tsx scripts/bench/reservation-floor.ts
import { createClient, type InStatement } from "@libsql/client";
import { closeDb, connectionConfig } from "@/lib/db";
import { openClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { addToCart } from "@/lib/cart/add-to-cart";
import { checkoutDeadlines } from "@/lib/checkout/checkout-expiry";
import { openCheckout, openCheckoutStatements } from "@/lib/checkout/open-checkout";
import { quoteCheckout } from "@/lib/checkout/quote-checkout";
import { newCheckoutId } from "@/lib/checkout/start-checkout";
import { db } from "@/lib/db";

export type ReservationFloor = {
  /** Statements inside the transaction (BEGIN and COMMIT not counted). */
  statements: number;
  interactivePerSecond: number;
  batchPerSecond: number;
  appPerSecond: number;
};

const LINES = 3;

/**
 * Runs each way of writing for `durationMs` in all, in alternating slices: every write leaves one
 * more replaced checkout on the cart, so running the ways one after another would hand the later
 * ones a bigger table. Returns each way's writes per second.
 */
async function alternate(durationMs: number, ways: (() => Promise<void>)[]): Promise<number[]> {
  const SLICE_MS = 200;
  const done = ways.map(() => 0);
  const spentMs = ways.map(() => 0);
  for (let round = 0; round < Math.max(1, Math.round(durationMs / SLICE_MS)); round += 1) {
    for (const [index, once] of ways.entries()) {
      const startedAt = performance.now();
      while (performance.now() - startedAt < SLICE_MS) {
        await once();
        done[index]! += 1;
      }
      spentMs[index]! += performance.now() - startedAt;
    }
  }
  return done.map((count, index) => count / (spentMs[index]! / 1000));
}

export async function measureReservationFloor(durationMs: number): Promise<ReservationFloor> {
  const config = connectionConfig();
  await migrateDatabase(config);
  await seedDemoData();
  const setup = await openClient(config);
  // Plenty of stock, so no repetition is refused for want of it (this database is thrown away).
  await setup.execute("UPDATE product_variants SET stock = 1000000000");
  const { rows } = await setup.execute({ sql: "SELECT id FROM product_variants WHERE is_active = 1 ORDER BY id LIMIT ?", args: [LINES] });
  setup.close();

  let cartId: string | null = null;
  for (const row of rows) cartId = (await addToCart({ cartId, variantId: Number(row.id), quantity: 1 })).cartId;
  const input = { country: "GB", email: "floor@example.com", acceptsMarketing: false };
  const now = new Date();
  const { quote, lines } = await quoteCheckout(await db(), { cartId, input, now: now.toISOString() });
  const { paymentExpiresAt, reservationExpiresAt } = checkoutDeadlines(now);
  const snapshot = lines.map(({ lineTotal: _lineTotal, image: _image, ...line }) => line);
  const paramsFor = (checkoutId: string) => ({
    checkoutId,
    cartId: cartId!,
    input,
    quote: { ...quote, paymentExpiresAt },
    lines: snapshot,
    provider: "local" as const,
    reservationExpiresAt,
    now: now.toISOString(),
  });

  // The checkout's own guarded statements, replayed raw: each new checkout replaces the previous one.
  const statementsFor = (checkoutId: string): InStatement[] => openCheckoutStatements(paramsFor(checkoutId));
  const statementCount = statementsFor(newCheckoutId()).length;

  const raw = createClient({ url: config.url });
  await raw.execute("PRAGMA journal_mode = WAL");
  try {
    const [interactivePerSecond = 0, batchPerSecond = 0, appPerSecond = 0] = await alternate(durationMs, [
      async () => {
        const tx = await raw.transaction("write");
        try {
          for (const statement of statementsFor(newCheckoutId())) await tx.execute(statement);
          await tx.commit();
        } finally {
          tx.close();
        }
      },
      async () => {
        await raw.batch(statementsFor(newCheckoutId()), "write");
      },
      async () => {
        await openCheckout(paramsFor(newCheckoutId()));
      },
    ]);
    return { statements: statementCount, interactivePerSecond, batchPerSecond, appPerSecond };
  } finally {
    raw.close();
    await closeDb();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureReservationFloor(Number(process.env.BENCH_FLOOR_MS ?? 3_000));
  console.log(JSON.stringify(result));
}
