// Test helper: switches the process between the admin's configurations (owner login, Clerk, production gaps).
import { resetEnvForTests } from "@/lib/env";

export const TEST_OWNER_PASSWORD = "correct horse battery staple";
export const TEST_SESSION_SECRET = "test-session-secret-0123456789abcdefghij";

/**
 * The shop's owner account in every test file's database (tests/setup/database.ts makes it), as if
 * the first sign-in with ADMIN_PASSWORD had made it. Its hash is TEST_OWNER_PASSWORD's at the
 * test-only scrypt cost, fixed so a session token can be made without a database read.
 */
export const TEST_OWNER_ACCOUNT = {
  id: "owner",
  email: "owner@localhost",
  name: "Store owner",
  role: "owner",
  passwordHash: "scrypt$N=1024,r=8,p=1$dGVzdC1vd25lci1zYWx0IQ$T_wreHxz01cXZj91d7HlqOezmtSiItuRmY3XdVylJI8",
} as const;

/** What the audit log and order events record for the test owner. */
export const TEST_OWNER_ACTOR = "admin:owner (owner@localhost)";
/**
 * Keys of a production-style Clerk instance at clerk.example.com (a publishable key is the base64 of
 * the instance's domain). Production-style, because a development instance needs a "dev browser"
 * handshake with Clerk's servers before it will read a session.
 */
export const TEST_CLERK_KEYS = {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`,
  CLERK_SECRET_KEY: "sk_live_not_a_real_key_0123456789",
};

const ADMIN_VARIABLES = [
  "NODE_ENV",
  "ADMIN_PASSWORD",
  "SESSION_SECRET",
  "ADMIN_USER_IDS",
  "STAFF_USER_IDS",
  "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
  "CLERK_SECRET_KEY",
  "CLERK_JWT_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "CRON_SECRET",
  "PAYMENTS_PROVIDER",
  "EMAIL_TRANSPORT",
  "APP_URL",
  "ADMIN_EMAIL",
] as const;
type AdminVariable = (typeof ADMIN_VARIABLES)[number];
export type AdminEnv = Partial<Record<AdminVariable, string | undefined>>;

const original = Object.fromEntries(ADMIN_VARIABLES.map((name) => [name, process.env[name]])) as AdminEnv;

/** Replaces every admin-related variable with `values` (unset when absent) and re-reads the env. */
export function setAdminEnv(values: AdminEnv): void {
  // NODE_ENV is typed read-only for application code; tests switch it on purpose.
  const variables = process.env as Record<string, string | undefined>;
  for (const name of ADMIN_VARIABLES) {
    const value = values[name];
    if (value === undefined) delete variables[name];
    else variables[name] = value;
  }
  resetEnvForTests();
}

export function restoreAdminEnv(): void {
  setAdminEnv(original);
}

/** The built-in owner login, in test mode unless told otherwise. */
export function useOwnerLogin(overrides: AdminEnv = {}): void {
  setAdminEnv({ NODE_ENV: "test", ADMIN_PASSWORD: TEST_OWNER_PASSWORD, SESSION_SECRET: TEST_SESSION_SECRET, ...overrides });
}

/** Clerk keys set, with the given allowlist (none: the variable is unset). */
export function useClerk(adminUserIds?: string, overrides: AdminEnv = {}): void {
  setAdminEnv({ NODE_ENV: "test", ...TEST_CLERK_KEYS, ADMIN_USER_IDS: adminUserIds, ...overrides });
}

/** A production deploy with everything but the admin configured, so only the admin's gaps show. */
export const PRODUCTION_BASE: AdminEnv = {
  NODE_ENV: "production",
  STRIPE_WEBHOOK_SECRET: "whsec_test_signing_secret_0123456789abcdef",
  CRON_SECRET: "cron-secret-for-tests-0123456789abcdefgh",
  PAYMENTS_PROVIDER: "local",
  EMAIL_TRANSPORT: "capture",
  APP_URL: "https://shop.example.com",
};
