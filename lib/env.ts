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
  /** Public origin of the shop, used for payment redirect and email links. */
  APP_URL: z.url().default("http://localhost:3000"),
  /** `local` (in-app hosted checkout, the dev default) or `stripe`. */
  PAYMENTS_PROVIDER: z.enum(["local", "stripe"]).optional(),
  /** Stripe secret key (sk_test_… / sk_live_…). */
  STRIPE_SECRET_KEY: optionalText,
  /** Secret that signs payment webhooks (whsec_…); the local provider signs with it too. */
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
  /** Comma-separated Clerk user ids allowed into /admin. Empty means nobody (fail closed). */
  ADMIN_USER_IDS: optionalText,
  /** Built-in owner login password (used when Clerk is not configured). */
  ADMIN_PASSWORD: optionalText,
  /** Signs the owner session cookie; at least 32 characters. */
  SESSION_SECRET: optionalText.refine((value) => value === undefined || value.length >= 32, {
    message: "must be at least 32 characters",
  }),
  /** Bearer token Vercel cron (and `npm run cron`) must present on /api/cron/*. */
  CRON_SECRET: optionalText,
  /** Folder for the embedded database, generated dev secrets, backups and exports. */
  DATA_DIR: z.string().trim().default("./data"),
});

type RawEnv = z.infer<typeof envSchema>;

export type Env = RawEnv & {
  isProduction: boolean;
  isDevelopment: boolean;
  isTest: boolean;
  isRemoteDatabase: boolean;
  paymentsProvider: "local" | "stripe";
  emailTransport: "capture" | "resend";
  hasClerk: boolean;
  adminUserIds: string[];
  /** Secrets a production deploy lacks; the part each guards stays closed (see closedParts). */
  missingSecrets: string[];
  closedParts: { admin: boolean; checkout: boolean; cron: boolean; email: boolean };
};

/** Secrets a developer should never have to invent: generated once into DATA_DIR and reused. */
const GENERATED_IN_DEVELOPMENT = ["SESSION_SECRET", "STRIPE_WEBHOOK_SECRET", "CRON_SECRET", "ADMIN_PASSWORD"] as const;
type GeneratedSecret = (typeof GENERATED_IN_DEVELOPMENT)[number];

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
  const isTest = raw.NODE_ENV === "test";

  if (!isProduction) {
    // Development keeps generated secrets in DATA_DIR so sessions and signed links survive restarts;
    // tests get fresh in-memory ones so they never touch a developer's data folder.
    const generated = loadOrCreateDevSecrets(raw.DATA_DIR, !isTest);
    for (const name of GENERATED_IN_DEVELOPMENT) raw[name] ??= generated[name];
  }

  const hasClerk = Boolean(raw.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && raw.CLERK_SECRET_KEY);
  const paymentsProvider = raw.PAYMENTS_PROVIDER ?? (isProduction || raw.STRIPE_SECRET_KEY ? "stripe" : "local");
  const emailTransport = raw.EMAIL_TRANSPORT ?? (isProduction || raw.RESEND_API_KEY ? "resend" : "capture");
  const isRemoteDatabase = !raw.DATABASE_URL.startsWith("file:");
  if (isRemoteDatabase && !raw.DATABASE_AUTH_TOKEN && !/^(https?|wss?):\/\/(localhost|127\.0\.0\.1)/.test(raw.DATABASE_URL)) {
    throw new EnvError("Invalid environment: DATABASE_AUTH_TOKEN is required for a remote DATABASE_URL");
  }

  const missingAdmin = hasClerk
    ? raw.ADMIN_USER_IDS
      ? []
      : ["ADMIN_USER_IDS"]
    : (["ADMIN_PASSWORD", "SESSION_SECRET"] as const).filter((name) => !raw[name]);
  const missingCheckout = [
    ...(paymentsProvider === "stripe" ? (["STRIPE_SECRET_KEY"] as const).filter((name) => !raw[name]) : []),
    ...(!raw.STRIPE_WEBHOOK_SECRET ? ["STRIPE_WEBHOOK_SECRET"] : []),
  ];
  const missingCron = raw.CRON_SECRET ? [] : ["CRON_SECRET"];
  const missingEmail = emailTransport === "resend" && !raw.RESEND_API_KEY ? ["RESEND_API_KEY"] : [];

  return {
    ...raw,
    isProduction,
    isDevelopment: raw.NODE_ENV === "development",
    isTest,
    isRemoteDatabase,
    paymentsProvider,
    emailTransport,
    hasClerk,
    adminUserIds: (raw.ADMIN_USER_IDS ?? "")
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean),
    missingSecrets: [...missingAdmin, ...missingCheckout, ...missingCron, ...missingEmail],
    closedParts: {
      admin: missingAdmin.length > 0,
      checkout: missingCheckout.length > 0,
      cron: missingCron.length > 0,
      email: missingEmail.length > 0,
    },
  };
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between cases; this makes the next env() read it again. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** One loud line naming what a production deploy lacks, or null when nothing is missing. */
export function describeMissingSecrets(current: Env = env()): string | null {
  if (current.missingSecrets.length === 0) return null;
  const closed = Object.entries(current.closedParts)
    .filter(([, isClosed]) => isClosed)
    .map(([part]) => part);
  return `[store] MISSING CONFIGURATION: ${current.missingSecrets.join(", ")} not set; closed until configured: ${closed.join(", ")}.`;
}
