// The chaos run's settings: imported first by run-chaos.ts, so lib/env sees them before anything reads it.
// The servers the harness starts get the same values (serverEnv), so the harness can sign webhooks
// with the servers' secret and read the servers' database file.

export const CHAOS_DIR = ".tmp/chaos";
export const DATABASE_FILE = `${CHAOS_DIR}/store.db`;
export const DATABASE_URL = `file:./${DATABASE_FILE}`;
/** `--libsql-server`: the protocol server's port (tests/libsql-server) and the token it requires. */
export const LIBSQL_SERVER_PORT = Number(process.env.LIBSQL_SERVER_PORT ?? 4306);
export const LIBSQL_SERVER_TOKEN = "chaos-libsql-server-token-0123456789";
export const ADMIN_PASSWORD = "chaos-owner-password-123";
export const STRIPE_WEBHOOK_SECRET = "whsec_chaos_local_signing_secret_0123456789";
export const CRON_SECRET = "chaos-cron-secret-0123456789abcdefghijkl";
const SESSION_SECRET = "chaos-session-secret-0123456789abcdefghijklmnop";

/**
 * CHAOS_RUN_LIMIT_MINUTES overrides the whole run's bound (run-chaos.ts): the defaults are measured on
 * a quiet 2-core machine, and a machine shared with other jobs can need more without anything being wrong.
 */
export const RUN_LIMIT_MINUTES = process.env.CHAOS_RUN_LIMIT_MINUTES ? Number(process.env.CHAOS_RUN_LIMIT_MINUTES) : undefined;

/** Two ports: the main server, and the second process of the two-process scenario. */
export const PORTS = [Number(process.env.CHAOS_PORT ?? 3208), Number(process.env.CHAOS_SECOND_PORT ?? 3218)] as const;

export const originOf = (port: number) => `http://127.0.0.1:${port}`;

const shared = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL,
  DATA_DIR: `./${CHAOS_DIR}`,
  PAYMENTS_PROVIDER: "local",
  EMAIL_TRANSPORT: "capture",
  ADMIN_PASSWORD,
  SESSION_SECRET,
  STRIPE_WEBHOOK_SECRET,
  CRON_SECRET,
  // Only --rtt turns the simulation on (simulateRoundTrips): a value left in the shell is not inherited.
  DATABASE_SIMULATED_RTT_MS: "0",
} as const;

/** The simulated database round trip of this run (`--rtt`), in ms; 0 is a plain file database. */
let simulatedRttMs = 0;

/**
 * Makes every database round trip of the run wait `ms` first, as Turso across a network would: the
 * servers started after this call, and the harness's own lib/db use (set-up writes, fresh-client
 * checks). Call it before anything reads lib/env, which keeps the first value it sees.
 */
export function simulateRoundTrips(ms: number): void {
  simulatedRttMs = ms;
  process.env.DATABASE_SIMULATED_RTT_MS = String(ms);
}

/**
 * The servers' write budget (DB_WRITE_WAIT_MS) through the protocol server. Every write transaction
 * there is several HTTP round trips to a server sharing the cores with both app processes and the
 * harness, so the two-process storm (160 cart writes at once) queues longer than production's 15 s
 * on a busy 2-core machine: measured p50 24 s for a cart add, a few over 15 s answered 503.
 */
const LIBSQL_WRITE_WAIT_MS = 60_000;

/** The database as the servers and the harness reach it: the file, or the protocol server in front of it. */
let remote: { DATABASE_URL: string; DATABASE_AUTH_TOKEN: string; DB_WRITE_WAIT_MS: string } | undefined;

/**
 * `--libsql-server`: the servers, the harness and db:check reach the database only through the
 * protocol server at LIBSQL_SERVER_PORT (the client's remote path, as on Turso). Call it before
 * anything reads lib/env, like simulateRoundTrips.
 */
export function useLibsqlServer(): void {
  remote = { DATABASE_URL: `http://127.0.0.1:${LIBSQL_SERVER_PORT}`, DATABASE_AUTH_TOKEN: LIBSQL_SERVER_TOKEN, DB_WRITE_WAIT_MS: String(LIBSQL_WRITE_WAIT_MS) };
  Object.assign(process.env, remote);
}

/** What `next start` runs with, as playwright.config.ts gives the browser tests' server. */
export function serverEnv(port: number): NodeJS.ProcessEnv {
  return { ...process.env, ...shared, ...remote, DATABASE_SIMULATED_RTT_MS: String(simulatedRttMs), APP_URL: originOf(port), PORT: String(port) };
}

/**
 * What db:seed and db:check run with: no simulated network. Seeding is set-up and db:check reads the
 * result; neither is the app path under test, and the simulation would only make them slower. Seeding
 * writes the file before the protocol server opens it; db:check reads through the server when there is one.
 */
export function scriptEnv(script: "db:seed" | "db:check"): NodeJS.ProcessEnv {
  return { ...process.env, ...shared, ...(script === "db:check" ? remote : { DATABASE_AUTH_TOKEN: "" }), APP_URL: originOf(PORTS[0]) };
}

// The harness itself reads and writes the same database through lib/db (setup, checks).
Object.assign(process.env, shared, { APP_URL: originOf(PORTS[0]) });
delete process.env.DATABASE_AUTH_TOKEN;
