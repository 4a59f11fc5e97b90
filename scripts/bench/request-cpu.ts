// npx tsx scripts/bench/request-cpu.ts – CPU per request in one process (no HTTP server): checkout, webhook order, cart read.
//
// Migrates a throwaway database and calls the real route handlers one request at a time, measuring
// each request's CPU (user + system, process.cpuUsage) after BENCH_CPU_WARMUP requests that warm the
// JIT and the statement cache. Prints one line per flow (median and p90 over BENCH_CPU_RUNS) and, last,
// the figures as one JSON line for npm run bench. BENCH_CPU_FLOWS=checkout,webhook,cart picks flows
// With BENCH_CPU_PROFILE_DIR set, the measured requests of each flow (not the set-up or warm-up) are
// recorded as a V8 CPU profile there, <flow>.cpuprofile: summarise with scripts/bench/cpu-profile-top.ts.
// Production settings (React's production build, as `next start` runs it), local services only,
// the checkout's abuse limits off (the bench is one client checking out again and again).
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { CPU_FLOWS, cpuProfileFile } from "./cpu-flows";

// The app's modules are imported after these are set (dynamically, in main).
Object.assign(process.env, {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  APP_URL: "http://127.0.0.1:3999",
  PAYMENTS_PROVIDER: "local",
  EMAIL_TRANSPORT: "capture",
  CHECKOUT_ABUSE_LIMITS: "off",
  STRIPE_WEBHOOK_SECRET: "whsec_cpu_bench_local_signing_secret_0123456789",
  SESSION_SECRET: "cpu-bench-session-secret-0123456789abcdefghijkl",
  ADMIN_PASSWORD: "cpu-bench-owner-password",
  CRON_SECRET: "cpu-bench-cron-secret-0123456789abcdefghij",
});

const RUNS = Number(process.env.BENCH_CPU_RUNS ?? 300);
const WARMUP = Number(process.env.BENCH_CPU_WARMUP ?? 100);
const FLOWS = (process.env.BENCH_CPU_FLOWS ?? "checkout,webhook,cart").split(",").map((flow) => flow.trim());
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE_DIR;

export type CpuFigures = { flow: string; runs: number; medianMs: number; p90Ms: number; wallMedianMs: number };

function quantile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/** Runs `request(index)` WARMUP + RUNS times, one at a time; the figures of the last RUNS. */
async function measure(flow: string, request: (index: number) => Promise<Response>): Promise<CpuFigures> {
  const cpu: number[] = [];
  const wall: number[] = [];
  const profiler = PROFILE_DIR ? new Session() : null;
  for (let index = 0; index < WARMUP + RUNS; index += 1) {
    if (profiler && index === WARMUP) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.setSamplingInterval", { interval: 200 });
      await profiler.post("Profiler.start");
    }
    const startedCpu = process.cpuUsage();
    const startedAt = performance.now();
    const response = await request(index);
    const body = await response.text();
    const used = process.cpuUsage(startedCpu);
    const wallMs = performance.now() - startedAt;
    if (response.status !== 200) throw new Error(`${flow} ${index}: HTTP ${response.status} ${body}`);
    if (index < WARMUP) continue;
    cpu.push((used.user + used.system) / 1000);
    wall.push(wallMs);
  }
  if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    mkdirSync(PROFILE_DIR!, { recursive: true });
    writeFileSync(path.join(PROFILE_DIR!, cpuProfileFile(flow)), JSON.stringify(profile));
    profiler.disconnect();
  }
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return { flow, runs: RUNS, medianMs: quantile(cpu, 0.5), p90Ms: quantile(cpu, 0.9), wallMedianMs: quantile(wall, 0.5) };
}

async function main(): Promise<void> {
  const { createTestDatabase } = await import("@/tests/helpers/database");
  const database = await createTestDatabase("cpu");
  process.env.DATABASE_URL = database.url;
  process.env.DATA_DIR = database.dir;
  const { resetEnvForTests } = await import("@/lib/env");
  resetEnvForTests();
  const { closeDb } = await import("@/lib/db");
  const { createVariant } = await import("@/tests/factories/product");
  const { createCart } = await import("@/tests/factories/cart");
  const { createCheckout, checkoutRequest, noParams } = await import("@/tests/factories/checkout");
  const { createDiscountCode } = await import("@/tests/factories/discount-code");
  const { createYarnShopShipping } = await import("@/tests/factories/shipping");
  const { buildCheckoutSessionEvent } = await import("@/tests/factories/stripe-event");
  const { deliver } = await import("@/tests/factories/webhook");

  await createYarnShopShipping();
  const yarn = await createVariant({ price: 1800, stock: 1_000_000, weightGrams: 100 });
  const mohair = await createVariant({ name: "Kid Mohair", variantName: "Fog", price: 2400, stock: 1_000_000, weightGrams: 50 });
  const sock = await createVariant({ name: "Sock Yarn", variantName: "Moss", price: 1500, stock: 1_000_000, weightGrams: 100 });
  const code = await createDiscountCode({ usageLimit: null });
  const lines = [
    { variantId: yarn.variantId, quantity: 2 },
    { variantId: mohair.variantId, quantity: 1 },
    { variantId: sock.variantId, quantity: 1 },
  ];
  const results: CpuFigures[] = [];

  if (FLOWS.includes("checkout")) {
    // Each cart checks out again and again: every new checkout replaces the cart's previous one.
    const carts = await Promise.all(Array.from({ length: 16 }, () => createCart(lines)));
    const { POST } = await import("@/app/api/checkout/session/route");
    results.push(
      await measure(CPU_FLOWS.checkout, (index) =>
        POST(checkoutRequest("/api/checkout/session", { cartId: carts[index % carts.length]!, body: { country: "GB", email: `cpu-${index}@example.com` } }), noParams),
      ),
    );
  }

  if (FLOWS.includes("webhook")) {
    const events: ReturnType<typeof buildCheckoutSessionEvent>[] = [];
    for (let index = 0; index < WARMUP + RUNS; index += 1) {
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
    results.push(await measure(CPU_FLOWS.webhook, (index) => deliver(events[index]!)));
  }

  if (FLOWS.includes("cart")) {
    const cartId = await createCart(lines);
    const { GET } = await import("@/app/api/cart/route");
    results.push(await measure(CPU_FLOWS.cart, () => GET(checkoutRequest("/api/cart", { cartId, method: "GET" }), noParams)));
  }

  for (const figures of results) {
    console.log(
      `${figures.flow} in-process: median ${figures.medianMs.toFixed(2)} ms CPU, p90 ${figures.p90Ms.toFixed(2)} ms (wall median ${figures.wallMedianMs.toFixed(2)} ms) over ${figures.runs} after ${WARMUP} warm-up`,
    );
  }
  console.log(JSON.stringify(results));
  await closeDb();
  database.remove();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
