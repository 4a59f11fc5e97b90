// npx tsx scripts/bench/webhook-order-cpu.ts – CPU per webhook order in one process (no HTTP server, no load generator).
//
// Migrates a throwaway database, prepares BENCH_ORDERS checkouts (untimed), then delivers a signed
// `checkout.session.completed` for each to the real route handler, one at a time, and divides the
// process's CPU time (user + system) by the orders. The first BENCH_WARMUP orders warm the JIT and
// the statement cache and are not counted. Prints ms per order and how many orders fell back.
// Production settings (React's production build, as `next start` runs it), local services only.
Object.assign(process.env, {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  APP_URL: "http://127.0.0.1:3999",
  PAYMENTS_PROVIDER: "local",
  EMAIL_TRANSPORT: "capture",
  STRIPE_WEBHOOK_SECRET: "whsec_cpu_bench_local_signing_secret_0123456789",
  SESSION_SECRET: "cpu-bench-session-secret-0123456789abcdefghijkl",
  ADMIN_PASSWORD: "cpu-bench-owner-password",
  CRON_SECRET: "cpu-bench-cron-secret-0123456789abcdefghij",
});

const ORDERS = Number(process.env.BENCH_ORDERS ?? 400);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);

async function main(): Promise<void> {
  const { createTestDatabase } = await import("@/tests/helpers/database");
  const database = await createTestDatabase("cpu");
  process.env.DATABASE_URL = database.url;
  process.env.DATA_DIR = database.dir;
  const { resetEnvForTests } = await import("@/lib/env");
  resetEnvForTests();
  const { closeDb } = await import("@/lib/db");
  const { createVariant } = await import("@/tests/factories/product");
  const { createCheckout } = await import("@/tests/factories/checkout");
  const { createDiscountCode } = await import("@/tests/factories/discount-code");
  const { buildCheckoutSessionEvent } = await import("@/tests/factories/stripe-event");
  const { deliver } = await import("@/tests/factories/webhook");

  const yarn = await createVariant({ price: 1800, stock: 100_000 });
  const mohair = await createVariant({ name: "Kid Mohair", variantName: "Fog", price: 2400, stock: 100_000 });
  const code = await createDiscountCode({ usageLimit: null });
  const events = [];
  for (let index = 0; index < WARMUP + ORDERS; index += 1) {
    const checkout = await createCheckout({
      lines: [
        { variant: yarn, quantity: 2 },
        { variant: mohair, quantity: 1 },
      ],
      email: `cpu-${index}@example.com`,
      acceptsMarketing: index % 2 === 0,
      discount: index % 2 === 0 ? { id: code.id, code: code.code, percent: 10 } : null,
    });
    events.push(buildCheckoutSessionEvent(checkout));
  }
  const orderFallbacks = await import("@/lib/orders/order-fallbacks").then((module) => module.orderFallbackCount).catch(() => null);
  const fallbacksBefore = orderFallbacks?.() ?? 0;
  let started = process.cpuUsage();
  let startedAt = performance.now();
  for (const [index, event] of events.entries()) {
    if (index === WARMUP) {
      started = process.cpuUsage();
      startedAt = performance.now();
    }
    const response = await deliver(event);
    if (response.status !== 200) throw new Error(`order ${index}: HTTP ${response.status} ${await response.text()}`);
  }
  const used = process.cpuUsage(started);
  const wallMs = performance.now() - startedAt;
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `webhook order in-process: ${(cpuMs / ORDERS).toFixed(2)} ms CPU, ${(wallMs / ORDERS).toFixed(2)} ms wall per order (${ORDERS} orders after ${WARMUP} warm-up)` +
      (orderFallbacks ? `, ${orderFallbacks() - fallbacksBefore} fell back to the locked path` : ""),
  );
  await closeDb();
  database.remove();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
