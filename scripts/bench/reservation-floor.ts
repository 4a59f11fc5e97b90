// The raw libSQL floor for a checkout's write transaction: its exact statements, run directly in one process.
//
// On a throwaway database of its own (DATABASE_URL, which it migrates and seeds with the demo shop)
// it makes a 3-line cart, quotes it, and runs the checkout's write transaction (openCheckout) twice
// through a client that logs its SQL — the second time, so the captured statements include
// replacing the cart's previous checkout and releasing its hold, as a shopper's repeat checkout
// does. Then, each for BENCH_FLOOR_MS, one at a time:
//   - interactive: BEGIN IMMEDIATE, the captured statements one by one, COMMIT (a raw libSQL client);
//   - batch: the same statements as one `batch(…, "write")`;
//   - app: writeTransaction(openCheckout) itself, through the app's write queue.
// Each repetition swaps in a fresh checkout id (and the previous one for the release), so every
// transaction does real work. Run by `npm run bench`; standalone it prints its result as JSON:
//   DATABASE_URL=file:./.tmp/floor.db npx tsx scripts/bench/reservation-floor.ts
import { createClient, type InArgs, type InStatement } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { closeDb, connectionConfig, writeTransaction, type Tx } from "@/lib/db";
import { openClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import * as schema from "@/lib/db/schema";
import { seedDemoData } from "@/lib/db/seed/seed-demo-data";
import { addToCart } from "@/lib/cart/add-to-cart";
import { checkoutDeadlines } from "@/lib/checkout/checkout-expiry";
import { openCheckout } from "@/lib/checkout/open-checkout";
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

async function repeatFor(durationMs: number, once: (iteration: number) => Promise<void>): Promise<number> {
  const startedAt = performance.now();
  let done = 0;
  while (performance.now() - startedAt < durationMs) await once(done++);
  return done / ((performance.now() - startedAt) / 1000);
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

  // Capture the SQL of a repeat checkout (the second one replaces the first).
  const captureClient = await openClient(config);
  const captured: { sql: string; params: unknown[] }[] = [];
  let isCapturing = false;
  const capturing = drizzle(captureClient, { schema, logger: { logQuery: (sql, params) => isCapturing && captured.push({ sql, params }) } });
  const firstId = newCheckoutId();
  await capturing.transaction((tx) => openCheckout(tx as unknown as Tx, paramsFor(firstId)));
  const secondId = newCheckoutId();
  isCapturing = true;
  await capturing.transaction((tx) => openCheckout(tx as unknown as Tx, paramsFor(secondId)));
  captureClient.close();

  let previousId = secondId;
  const statementsFor = (checkoutId: string): InStatement[] => {
    const swap = (value: unknown) => (value === secondId ? checkoutId : value === firstId ? previousId : value);
    return captured.map(({ sql, params }) => ({ sql, args: params.map(swap) as InArgs }));
  };

  const raw = createClient({ url: config.url });
  await raw.execute("PRAGMA journal_mode = WAL");
  try {
    const interactivePerSecond = await repeatFor(durationMs, async () => {
      const id = newCheckoutId();
      const tx = await raw.transaction("write");
      try {
        for (const statement of statementsFor(id)) await tx.execute(statement);
        await tx.commit();
      } finally {
        tx.close();
      }
      previousId = id;
    });
    const batchPerSecond = await repeatFor(durationMs, async () => {
      const id = newCheckoutId();
      await raw.batch(statementsFor(id), "write");
      previousId = id;
    });
    const appPerSecond = await repeatFor(durationMs, async () => {
      await writeTransaction((tx) => openCheckout(tx, paramsFor(newCheckoutId())));
    });
    return { statements: captured.length, interactivePerSecond, batchPerSecond, appPerSecond };
  } finally {
    raw.close();
    await closeDb();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureReservationFloor(Number(process.env.BENCH_FLOOR_MS ?? 3_000));
  console.log(JSON.stringify(result));
}
