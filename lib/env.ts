// The only reader of process.env: every setting the store understands, validated once with zod.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z.object({
  /** development | test | production; production never falls back to local adapters silently. */
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** libSQL URL: `file:./data/store.db` (embedded, the default) or `libsql://<db>.turso.io`. */
  DATABASE_URL: z
    .string()
    .trim()
    .default("file:./data/store.db")
    .refine((url) => /^(file:|libsql:|https?:|wss?:)/.test(url), {
      message: "must start with file:, libsql:, http(s): or ws(s):",
    }),
  /** Turso auth token; required for a remote DATABASE_URL. */
  DATABASE_AUTH_TOKEN: optionalText,
  /**
   * Benchmarks only: wait this many ms before every database round trip, so a file database costs
   * what Turso across a network would. Refused for a remote DATABASE_URL (it already has a network).
   */
  DATABASE_SIMULATED_RTT_MS: z.coerce.number().int().min(0).max(1000).default(0),
  /**
   * Benchmarks only (`npm run bench`): `1` makes every route wrapped by lib/http/route.ts answer with
   * `x-db-round-trips` and `x-db-statements`, the database work done during that request. Never set
   * it on a deployed shop: with NODE_ENV=production it is refused unless APP_URL is a loopback
   * origin (the bench's own `next start` servers), so a public server cannot leak its query counts.
   */
  BENCH_EXPOSE_ROUND_TRIPS: z.enum(["0", "1"]).default("0"),
  /** Set by Next itself (never by hand): `phase-production-build` while `next build` prerenders, when the shop's database may not exist yet. */
  NEXT_PHASE: z.string().optional(),
  /**
   * File databases only: when a commit waits for the disk. `normal` (WAL syncs at checkpoints) is
   * safe against the process crashing but may lose the last commits on power loss or an OS crash;
   * `full` syncs every commit. Turso decides this itself and ignores it.
   */
  DATABASE_SYNCHRONOUS: z.enum(["normal", "full"]).default("normal"),
  /**
   * Public origin of the shop, used for payment redirects, email links and the Origin check on writes.
   * Required in production (missing or invalid closes checkout and email); `http://localhost:$PORT` otherwise.
   */
  APP_URL: optionalText,
  /** `local` (in-app hosted checkout, the dev default) or `stripe`. */
  PAYMENTS_PROVIDER: z.enum(["local", "stripe"]).optional(),
  /** Stripe secret key (sk_test_… / sk_live_…). */
  STRIPE_SECRET_KEY: optionalText,
  /** Stripe's API origin; only set it to point the SDK at a stand-in (tests, a local mock). */
  STRIPE_API_BASE: optionalText.pipe(z.url().optional()),
  /** Secret that signs payment webhooks (whsec_…; in production ≥ 32 characters after the prefix); the local provider signs with it too. */
  STRIPE_WEBHOOK_SECRET: optionalText,
  /** `capture` (kept in the outbox, readable at /admin/emails) or `resend`. */
  EMAIL_TRANSPORT: z.enum(["capture", "resend"]).optional(),
  /** Resend API key (re_…). */
  RESEND_API_KEY: optionalText,
  /** Resend's API origin; only set it to point the SDK at a stand-in (tests, a local mock). */
  RESEND_BASE_URL: optionalText.pipe(z.url().optional()),
  /** Sender of shop email, e.g. `Hedgerow Dye Works <orders@example.com>`. */
  EMAIL_FROM: z.string().trim().default("Hedgerow Dye Works <orders@localhost>"),
  /** Clerk keys: when both are set, admins sign in with Clerk instead of the owner password. */
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: optionalText,
  CLERK_SECRET_KEY: optionalText,
  /** Clerk's JWT public key (PEM, from the dashboard's API keys page): verifies sessions without a network call. */
  CLERK_JWT_KEY: optionalText,
  /** Comma-separated Clerk user ids allowed into /admin as owners. Empty means nobody (fail closed). */
  ADMIN_USER_IDS: optionalText,
  /** Comma-separated Clerk user ids allowed into /admin as staff (orders, fulfilment, stock; no money or exports). */
  STAFF_USER_IDS: optionalText,
  /**
   * Built-in login (when Clerk is not configured): the password that creates the first owner
   * account on an empty accounts table. Once an account exists it opens nothing.
   */
  ADMIN_PASSWORD: optionalText,
  /** The first owner account's email (else the shop's support email, else owner@localhost). */
  ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
  /** Signs the owner session cookie; at least 32 characters (shorter closes the admin, loudly). */
  SESSION_SECRET: optionalText,
  /** Bearer token Vercel cron (and `npm run cron`) must present on /api/cron/*; in production ≥ 32 characters. */
  CRON_SECRET: optionalText,
  /**
   * Which proxy's word about the client address to believe (throttles, audit log): `vercel`, `none`,
   * or the number of proxies of yours in front of the app (each appends to X-Forwarded-For).
   * Default: `vercel` when VERCEL is set, `none` otherwise.
   */
  TRUSTED_PROXY: optionalText,
  /** Set by Vercel on its deployments. */
  VERCEL: optionalText,
  /**
   * `off` lifts the per-client and per-cart checkout budgets (lib/checkout/checkout-limits.ts): for
   * load tests that check out one cart again and again, never for a shop open to the internet.
   */
  CHECKOUT_ABUSE_LIMITS: z.enum(["on", "off"]).default("on"),
  /** The longest a write waits for its turn and for the database lock before answering 503. */
  DB_WRITE_WAIT_MS: z.coerce.number().int().min(50).max(120_000).default(15_000),
  /**
   * Signs backups (an HMAC in each manifest) and makes `db:restore` refuse one that is unsigned or
   * altered; at least 32 characters. It proves who made a backup, it does not encrypt it.
   */
  BACKUP_SIGNING_KEY: optionalText,
  /** Folder for the embedded database, generated dev secrets, backups, exports and (local driver) uploaded photos. */
  DATA_DIR: z.string().trim().default("./data"),
  /**
   * Where uploaded photos are kept: `local` (files under DATA_DIR/uploads, served at /uploads/…) or
   * `vercel-blob` (Vercel Blob, public URLs). Vercel's disk is read-only: deploy there with `vercel-blob`.
   */
  STORAGE_DRIVER: z.enum(["local", "vercel-blob"]).default("local"),
  /** Vercel Blob read-write token (vercel_blob_rw_…); required by STORAGE_DRIVER=vercel-blob. */
  BLOB_READ_WRITE_TOKEN: optionalText,
  /** Port `next dev` / `next start` listen on (Next reads it too); named in the printed sign-in URL. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
});

type RawEnv = z.infer<typeof envSchema>;

/** `vercel`, `none`, or how many proxies of ours append to X-Forwarded-For. */
export type TrustedProxy = "vercel" | "none" | number;

/** Production owner passwords shorter than this close the admin: a throttle only slows guessing. */
export const MIN_PRODUCTION_ADMIN_PASSWORD = 12;
export const MIN_SESSION_SECRET = 32;
/**
 * Production only, like the admin password: the cron bearer and the webhook signing key are whole
 * secrets on their own (a throttle only slows guessing, it does not make `a` safe). 32 characters is
 * what `openssl rand -base64 24` prints and what the development generator makes.
 */
export const MIN_PRODUCTION_CRON_SECRET = 32;
/**
 * Counted after an optional `whsec_`: the prefix is a public constant and adds nothing to guess.
 * Every signing secret Stripe issues passes (the dashboard's are `whsec_` + 32 characters, the CLI's
 * `whsec_` + 64 hex digits), as does the generated development one; `whsec_x` does not.
 */
export const MIN_PRODUCTION_WEBHOOK_SECRET = 32;
const STRIPE_WEBHOOK_SECRET_PREFIX = "whsec_";

export type Env = Omit<RawEnv, "APP_URL"> & {
  /** The shop's public origin; "" in a production deploy that lacks it (checkout and email closed). */
  APP_URL: string;
  trustedProxy: TrustedProxy;
  /** Settings present but unusable, each as "NAME (why)"; the part each guards stays closed. */
  invalidSettings: string[];
  isProduction: boolean;
  isDevelopment: boolean;
  isTest: boolean;
  isRemoteDatabase: boolean;
  paymentsProvider: "local" | "stripe";
  emailTransport: "capture" | "resend";
  hasClerk: boolean;
  /** Inside `next build`: storefront pages render on their first request instead (app/_components/shop-chrome.tsx). */
  isBuilding: boolean;
  adminUserIds: string[];
  staffUserIds: string[];
  /** Secrets a production deploy lacks; the part each guards stays closed (see closedParts). */
  missingSecrets: string[];
  /**
   * Secrets this process took from DATA_DIR's dev-secrets file because the environment set none
   * (development and tests only). Only these may ever be printed: a value from the environment is
   * the operator's, and a terminal or a deploy log is no place for it.
   */
  generatedSecrets: GeneratedSecret[];
  closedParts: { admin: boolean; checkout: boolean; cron: boolean; email: boolean };
  /** Why photo uploads are refused (no usable storage driver), or null when they can be stored. */
  uploadStorageProblem: string | null;
};

/** Secrets a developer should never have to invent: generated once into DATA_DIR and reused. */
const GENERATED_IN_DEVELOPMENT = ["SESSION_SECRET", "STRIPE_WEBHOOK_SECRET", "CRON_SECRET", "ADMIN_PASSWORD"] as const;
export type GeneratedSecret = (typeof GENERATED_IN_DEVELOPMENT)[number];

function generateSecret(name: GeneratedSecret): string {
  switch (name) {
    case "STRIPE_WEBHOOK_SECRET":
      return `whsec_${randomBytes(24).toString("base64url")}`;
    case "ADMIN_PASSWORD":
      // Readable enough to type from the terminal, long enough not to guess.
      return randomBytes(12).toString("base64url");
    default:
      return randomBytes(32).toString("base64url");
  }
}

export function devSecretsPath(dataDir: string): string {
  return path.resolve(/*turbopackIgnore: true*/ dataDir, "dev-secrets.json");
}

function loadOrCreateDevSecrets(dataDir: string, persist: boolean): Record<GeneratedSecret, string> {
  const file = devSecretsPath(dataDir);
  let stored: Partial<Record<GeneratedSecret, string>> = {};
  if (persist && existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, "utf8")) as typeof stored;
    } catch {
      stored = {};
    }
  }
  let changed = false;
  const secrets = {} as Record<GeneratedSecret, string>;
  for (const name of GENERATED_IN_DEVELOPMENT) {
    const existing = stored[name];
    if (typeof existing === "string" && existing.length > 0) {
      secrets[name] = existing;
    } else {
      secrets[name] = generateSecret(name);
      changed = true;
    }
  }
  if (persist && changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}

export class EnvError extends Error {}

/** Builds the typed environment from a plain record; pure apart from dev-secret generation. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment: ${problems.join("; ")}`);
  }
  const raw = { ...result.data };
  const isProduction = raw.NODE_ENV === "production";
  const invalidSettings: string[] = [];
  const isTest = raw.NODE_ENV === "test";
  const generatedSecrets: GeneratedSecret[] = [];

  if (!isProduction) {
    // Development keeps generated secrets in DATA_DIR so sessions and signed links survive restarts;
    // tests get fresh in-memory ones so they never touch a developer's data folder.
    const generated = loadOrCreateDevSecrets(raw.DATA_DIR, !isTest);
    for (const name of GENERATED_IN_DEVELOPMENT) {
      if (raw[name] !== undefined) continue;
      raw[name] = generated[name];
      generatedSecrets.push(name);
    }
  }

  const trustedProxy = parseTrustedProxy(raw.TRUSTED_PROXY, Boolean(raw.VERCEL));
  if (trustedProxy === null) invalidSettings.push("TRUSTED_PROXY (must be vercel, none or a number of proxies from 1 to 10)");
  const appUrl = parseAppUrl(raw.APP_URL, isProduction, raw.PORT);
  if (appUrl === null) invalidSettings.push("APP_URL (must be an http(s) URL)");
  // An invalid secret is treated like a missing one: it closes what it guards, not the whole shop.
  const weakSessionSecret = raw.SESSION_SECRET !== undefined && raw.SESSION_SECRET.length < MIN_SESSION_SECRET;
  if (weakSessionSecret) invalidSettings.push(`SESSION_SECRET (shorter than ${MIN_SESSION_SECRET} characters)`);
  const weakAdminPassword =
    isProduction && raw.ADMIN_PASSWORD !== undefined && raw.ADMIN_PASSWORD.length < MIN_PRODUCTION_ADMIN_PASSWORD;
  if (weakAdminPassword) invalidSettings.push(`ADMIN_PASSWORD (shorter than ${MIN_PRODUCTION_ADMIN_PASSWORD} characters)`);
  const weakCronSecret = isProduction && raw.CRON_SECRET !== undefined && raw.CRON_SECRET.length < MIN_PRODUCTION_CRON_SECRET;
  if (weakCronSecret) invalidSettings.push(`CRON_SECRET (shorter than ${MIN_PRODUCTION_CRON_SECRET} characters)`);
  const weakWebhookSecret =
    isProduction &&
    raw.STRIPE_WEBHOOK_SECRET !== undefined &&
    withoutPrefix(raw.STRIPE_WEBHOOK_SECRET, STRIPE_WEBHOOK_SECRET_PREFIX).length < MIN_PRODUCTION_WEBHOOK_SECRET;
  if (weakWebhookSecret) {
    invalidSettings.push(`STRIPE_WEBHOOK_SECRET (shorter than ${MIN_PRODUCTION_WEBHOOK_SECRET} characters after "whsec_")`);
  }
  if (weakSessionSecret) raw.SESSION_SECRET = undefined;
  if (weakAdminPassword) raw.ADMIN_PASSWORD = undefined;
  if (weakCronSecret) raw.CRON_SECRET = undefined;
  if (weakWebhookSecret) raw.STRIPE_WEBHOOK_SECRET = undefined;

  const hasClerk = Boolean(raw.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && raw.CLERK_SECRET_KEY);
  const paymentsProvider = raw.PAYMENTS_PROVIDER ?? (isProduction || raw.STRIPE_SECRET_KEY ? "stripe" : "local");
  const emailTransport = raw.EMAIL_TRANSPORT ?? (isProduction || raw.RESEND_API_KEY ? "resend" : "capture");
  if (isProduction && raw.BENCH_EXPOSE_ROUND_TRIPS === "1" && !isLoopbackOrigin(appUrl)) {
    throw new EnvError("Invalid environment: BENCH_EXPOSE_ROUND_TRIPS=1 is for benchmarks on this machine; in production it needs a loopback APP_URL");
  }
  const isRemoteDatabase = !raw.DATABASE_URL.startsWith("file:");
  if (isRemoteDatabase && raw.DATABASE_SIMULATED_RTT_MS > 0) {
    throw new EnvError("Invalid environment: DATABASE_SIMULATED_RTT_MS is only for file databases, not a remote DATABASE_URL");
  }
  if (isRemoteDatabase && !raw.DATABASE_AUTH_TOKEN && !/^(https?|wss?):\/\/(localhost|127\.0\.0\.1)/.test(raw.DATABASE_URL)) {
    throw new EnvError("Invalid environment: DATABASE_AUTH_TOKEN is required for a remote DATABASE_URL");
  }

  const missingAdmin = hasClerk
    ? raw.ADMIN_USER_IDS
      ? []
      : ["ADMIN_USER_IDS"]
    : // ADMIN_PASSWORD is needed only until the first account exists, which env cannot see: the
      // sign-in checks that (lib/auth/owner-sign-in.ts) and the boot line says it (boot-warning.ts).
      (["SESSION_SECRET"] as const).filter((name) => !raw[name]);
  const missingCheckout = [
    ...(paymentsProvider === "stripe" ? (["STRIPE_SECRET_KEY"] as const).filter((name) => !raw[name]) : []),
    ...(!raw.STRIPE_WEBHOOK_SECRET ? ["STRIPE_WEBHOOK_SECRET"] : []),
  ];
  // Payment redirects and email links are built from APP_URL: without it they would point nowhere.
  const missingAppUrl = appUrl ? [] : ["APP_URL"];
  if (missingAppUrl.length > 0) missingCheckout.push(...missingAppUrl);
  const missingCron = raw.CRON_SECRET ? [] : ["CRON_SECRET"];
  const missingEmail = [...(emailTransport === "resend" && !raw.RESEND_API_KEY ? ["RESEND_API_KEY"] : []), ...missingAppUrl];
  const uploadStorageProblem = describeUploadStorageProblem(raw.STORAGE_DRIVER, Boolean(raw.BLOB_READ_WRITE_TOKEN), isProduction && Boolean(raw.VERCEL));

  return {
    ...raw,
    APP_URL: appUrl ?? "",
    trustedProxy: trustedProxy ?? "none",
    invalidSettings,
    isProduction,
    isDevelopment: raw.NODE_ENV === "development",
    isTest,
    isRemoteDatabase,
    paymentsProvider,
    emailTransport,
    hasClerk,
    isBuilding: raw.NEXT_PHASE === "phase-production-build",
    adminUserIds: idList(raw.ADMIN_USER_IDS),
    staffUserIds: idList(raw.STAFF_USER_IDS),
    missingSecrets: [...new Set([...missingAdmin, ...missingCheckout, ...missingCron, ...missingEmail])].filter(
      (name) => !invalidSettings.some((problem) => problem.startsWith(`${name} `)),
    ),
    generatedSecrets,
    closedParts: {
      admin: missingAdmin.length > 0,
      checkout: missingCheckout.length > 0,
      cron: missingCron.length > 0,
      email: missingEmail.length > 0,
    },
    uploadStorageProblem,
  };
}

/**
 * A deployment on Vercel runs on a read-only disk: the local driver would fail on the first photo,
 * so uploads are refused up front with this reason instead.
 */
function describeUploadStorageProblem(driver: RawEnv["STORAGE_DRIVER"], hasBlobToken: boolean, isOnVercelInProduction: boolean): string | null {
  if (driver === "vercel-blob" && !hasBlobToken) return "STORAGE_DRIVER=vercel-blob needs BLOB_READ_WRITE_TOKEN";
  if (driver === "local" && isOnVercelInProduction) return "STORAGE_DRIVER=local cannot write on Vercel's read-only disk (set STORAGE_DRIVER=vercel-blob and BLOB_READ_WRITE_TOKEN)";
  return null;
}

/** A comma-separated list of ids, blanks dropped. */
function idList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
}

function withoutPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

/** null when the value is unusable (the caller reports it and falls back to trusting no proxy). */
function parseTrustedProxy(value: string | undefined, onVercel: boolean): TrustedProxy | null {
  if (value === undefined) return onVercel ? "vercel" : "none";
  const lower = value.toLowerCase();
  if (lower === "vercel" || lower === "none") return lower;
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
  return null;
}

function isLoopbackOrigin(origin: string | null): boolean {
  if (!origin) return false;
  return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(origin).hostname);
}

/** The origin without a trailing slash; null when unset in production or not an http(s) URL. */
function parseAppUrl(value: string | undefined, isProduction: boolean, port: number): string | null {
  if (value === undefined) return isProduction ? null : `http://localhost:${port}`;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? value.replace(/\/+$/, "") : null;
  } catch {
    return null;
  }
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * This process's environment parsed as a production server would parse it, whatever NODE_ENV the
 * caller runs with: `npm run doctor` judges a deployment's settings, not a developer's defaults.
 */
export function parseProductionEnv(): Env {
  return parseEnv({ ...process.env, NODE_ENV: "production" });
}

/** Tests change process.env between cases; this makes the next env() read it again. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** One loud line naming what a production deploy lacks, or null when nothing is missing. */
export function describeMissingSecrets(current: Env = env()): string | null {
  if (current.missingSecrets.length === 0 && current.invalidSettings.length === 0) return null;
  const closed = Object.entries(current.closedParts)
    .filter(([, isClosed]) => isClosed)
    .map(([part]) => part);
  const invalid = current.invalidSettings.length > 0 ? `INVALID CONFIGURATION: ${current.invalidSettings.join(", ")}. ` : "";
  const missing = current.missingSecrets.length > 0 ? `MISSING CONFIGURATION: ${current.missingSecrets.join(", ")} not set; ` : "";
  return `[store] ${invalid}${missing}closed until configured: ${closed.length > 0 ? closed.join(", ") : "nothing"}.`;
}
