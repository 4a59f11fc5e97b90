// npm run bench's settings: imported first by run-bench.ts, so lib/env sees them before anything reads it.
// The servers it starts get the same secrets (serverEnv), so the runner can sign webhooks with the
// servers' secret and read the servers' database file.
import path from "node:path";
import { pathToFileURL } from "node:url";

export const BENCH_DIR = path.resolve(".tmp/bench");
export const fileUrl = (name: string) => pathToFileURL(path.join(BENCH_DIR, name)).href;
/** The database seeded at scale that every server of the run shares (one server at a time). */
export const DATABASE_URL = fileUrl("store.db");
export const ADMIN_PASSWORD = "bench-owner-password-123";
export const STRIPE_WEBHOOK_SECRET = "whsec_bench_local_signing_secret_0123456789";
const SESSION_SECRET = "bench-session-secret-0123456789abcdefghijklmnop";
const CRON_SECRET = "bench-cron-secret-0123456789abcdefghijkl";

export const originOf = (port: number) => `http://127.0.0.1:${port}`;

const shared = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATA_DIR: BENCH_DIR,
  PAYMENTS_PROVIDER: "local",
  EMAIL_TRANSPORT: "capture",
  CHECKOUT_ABUSE_LIMITS: "off",
  ADMIN_PASSWORD,
  SESSION_SECRET,
  STRIPE_WEBHOOK_SECRET,
  CRON_SECRET,
} as const;

/** What `next start` runs with; BENCH_EXPOSE_ROUND_TRIPS is accepted because APP_URL is loopback. */
export function serverEnv(port: number, databaseUrl: string, rttMs: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...shared,
    DATABASE_URL: databaseUrl,
    DATABASE_SIMULATED_RTT_MS: String(rttMs),
    BENCH_EXPOSE_ROUND_TRIPS: "1",
    APP_URL: originOf(port),
    PORT: String(port),
  };
}

/** The env of a script the runner times (db:seed, db:backup, data:export …) on `databaseUrl`. */
export function scriptEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return { ...process.env, ...shared, DATABASE_URL: databaseUrl, DATABASE_SIMULATED_RTT_MS: "0", APP_URL: originOf(3241) };
}

// The runner itself reads and writes the bench database through lib/db (webhook preparation, analytics).
Object.assign(process.env, shared, { DATABASE_URL, DATABASE_SIMULATED_RTT_MS: "0", APP_URL: originOf(3241) });
