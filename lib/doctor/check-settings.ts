// The doctor's offline checks: every setting present and well-formed for a shop going live.
import { createPublicKey } from "node:crypto";
import type { Env } from "@/lib/env";
import { failed, passed, type DoctorCheck } from "./doctor-check";

/** Turso's database tokens are JWTs (three base64url parts). */
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const STRIPE_SECRET_SHAPE = /^(sk|rk)_(live|test)_[A-Za-z0-9]{16,}$/;
const RESEND_KEY_SHAPE = /^re_[A-Za-z0-9_]{16,}$/;
const CLERK_KEY_SHAPE = /^(pk|sk)_(live|test)_[A-Za-z0-9+/=_-]+$/;
const BLOB_TOKEN_SHAPE = /^vercel_blob_rw_[A-Za-z0-9_]+$/;

export function stripeKeyMode(key: string): "live" | "test" | null {
  return STRIPE_SECRET_SHAPE.exec(key)?.[2] as "live" | "test" | undefined ?? null;
}

function clerkKeyMode(key: string): string | null {
  return CLERK_KEY_SHAPE.exec(key)?.[2] ?? null;
}

/** A publishable key is `pk_<mode>_` + base64 of the Frontend API host followed by `$`. */
function clerkFrontendHost(publishableKey: string): string | null {
  const encoded = publishableKey.replace(/^pk_(live|test)_/, "");
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  return decoded.endsWith("$") && /^[a-z0-9.-]+\.[a-z]{2,}\$$/i.test(decoded) ? decoded.slice(0, -1) : null;
}

function checkAppUrl(current: Env): DoctorCheck {
  if (!current.APP_URL) return failed("APP_URL", "not set or not a URL: set it to the shop's public origin, e.g. https://shop.example.com");
  const url = new URL(current.APP_URL);
  if (url.protocol !== "https:") return failed("APP_URL", `${current.APP_URL} is not https: payment redirects and cookies need https in production`);
  if (url.pathname !== "/" || url.search) return failed("APP_URL", "give the origin only (no path or query), e.g. https://shop.example.com");
  return passed("APP_URL", current.APP_URL);
}

function checkDatabaseUrl(current: Env): DoctorCheck {
  if (!current.isRemoteDatabase) {
    return current.VERCEL
      ? failed("DATABASE_URL", "a file database does not survive on Vercel: create a Turso database and set DATABASE_URL=libsql://<db>-<org>.turso.io")
      : passed("DATABASE_URL", "file database (self-hosted: back it up with npm run db:backup)");
  }
  if (!/^(libsql|https|wss):\/\//.test(current.DATABASE_URL)) {
    return failed("DATABASE_URL", "a remote database must be reached over TLS: use libsql://, https:// or wss://");
  }
  if (!current.DATABASE_AUTH_TOKEN || !JWT_SHAPE.test(current.DATABASE_AUTH_TOKEN)) {
    return failed("DATABASE_AUTH_TOKEN", "not a Turso token: create one with `turso db tokens create <db>`");
  }
  return passed("DATABASE_URL", current.DATABASE_URL.replace(/\?.*$/, ""));
}

function checkStripeSettings(current: Env): DoctorCheck[] {
  if (current.paymentsProvider !== "stripe") {
    return [failed("PAYMENTS_PROVIDER", "local payments take no money: unset PAYMENTS_PROVIDER or set it to stripe")];
  }
  const checks: DoctorCheck[] = [];
  const key = current.STRIPE_SECRET_KEY;
  const mode = key ? stripeKeyMode(key) : null;
  if (!key) checks.push(failed("STRIPE_SECRET_KEY", "set the secret key from Stripe's dashboard (Developers → API keys)"));
  else if (!mode) checks.push(failed("STRIPE_SECRET_KEY", "not a Stripe secret key (sk_live_… or sk_test_…)"));
  else checks.push(passed("STRIPE_SECRET_KEY", mode === "live" ? "live mode" : "test mode: no real money is taken"));
  const secret = current.STRIPE_WEBHOOK_SECRET;
  if (secret && !secret.startsWith("whsec_")) {
    checks.push(failed("STRIPE_WEBHOOK_SECRET", "not a signing secret (whsec_…): copy it from the webhook endpoint's page"));
  } else if (secret) {
    checks.push(passed("STRIPE_WEBHOOK_SECRET", mode ? `must be the signing secret of the ${mode}-mode endpoint` : ""));
  }
  return checks;
}

function checkResendSettings(current: Env): DoctorCheck[] {
  if (current.emailTransport !== "resend") {
    return [failed("EMAIL_TRANSPORT", "capture keeps email in the outbox and sends nothing: unset EMAIL_TRANSPORT or set it to resend")];
  }
  const checks: DoctorCheck[] = [];
  const key = current.RESEND_API_KEY;
  if (key && !RESEND_KEY_SHAPE.test(key)) checks.push(failed("RESEND_API_KEY", "not a Resend API key (re_…): create one at resend.com/api-keys"));
  else if (key) checks.push(passed("RESEND_API_KEY"));
  const domain = senderDomain(current.EMAIL_FROM);
  if (!domain || domain === "localhost" || /(^|\.)example\.(com|org|net)$/.test(domain)) {
    checks.push(failed("EMAIL_FROM", "set a sender on your own domain, e.g. Hedgerow Dye Works <orders@your-shop.com>"));
  } else {
    checks.push(passed("EMAIL_FROM", current.EMAIL_FROM));
  }
  return checks;
}

/** The domain of `Name <a@b>` or `a@b`; null when there is none. */
export function senderDomain(from: string): string | null {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const at = address.lastIndexOf("@");
  return at > 0 && at < address.length - 1 ? address.slice(at + 1).trim().toLowerCase() : null;
}

function checkClerkSettings(current: Env): DoctorCheck[] {
  const publishable = current.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY;
  const secret = current.CLERK_SECRET_KEY;
  if (!publishable && !secret) return [passed("Clerk", "not configured: the owner signs in with ADMIN_PASSWORD")];
  if (!publishable || !secret) {
    return [failed("Clerk", `set both NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY (only ${publishable ? "the publishable key" : "the secret key"} is set), or neither`)];
  }
  const checks: DoctorCheck[] = [];
  const publishableMode = clerkKeyMode(publishable);
  const secretMode = clerkKeyMode(secret);
  if (!publishable.startsWith("pk_") || !publishableMode || !clerkFrontendHost(publishable)) {
    checks.push(failed("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "not a Clerk publishable key (pk_live_…): copy it from Clerk's API keys page"));
  } else if (!secret.startsWith("sk_") || !secretMode) {
    checks.push(failed("CLERK_SECRET_KEY", "not a Clerk secret key (sk_live_…): copy it from Clerk's API keys page"));
  } else if (publishableMode !== secretMode) {
    checks.push(failed("Clerk keys", `the publishable key is ${publishableMode} and the secret key ${secretMode}: take both from the same instance`));
  } else {
    checks.push(passed("Clerk keys", `${publishableMode} instance ${clerkFrontendHost(publishable)}`));
  }
  checks.push(checkClerkJwtKey(current.CLERK_JWT_KEY));
  checks.push(
    current.adminUserIds.length > 0
      ? passed("ADMIN_USER_IDS", `${current.adminUserIds.length} admin(s)`)
      : failed("ADMIN_USER_IDS", "nobody may enter /admin: set the Clerk user ids (user_…) of the owners, comma-separated"),
  );
  return checks;
}

function checkClerkJwtKey(pem: string | undefined): DoctorCheck {
  if (!pem) return passed("CLERK_JWT_KEY", "not set: Clerk fetches its signing keys over the network");
  try {
    const key = createPublicKey(pem.replace(/\\n/g, "\n"));
    if (key.asymmetricKeyType !== "rsa") return failed("CLERK_JWT_KEY", "not an RSA public key: copy the PEM from Clerk's API keys page (Show JWT public key)");
    return passed("CLERK_JWT_KEY");
  } catch {
    return failed("CLERK_JWT_KEY", "does not parse as a PEM public key: copy it whole, BEGIN and END lines included");
  }
}

function checkTrustedProxy(current: Env): DoctorCheck {
  if (current.VERCEL && current.trustedProxy !== "vercel") {
    return failed("TRUSTED_PROXY", "on Vercel every client address comes through Vercel's proxy: unset TRUSTED_PROXY or set it to vercel");
  }
  if (!current.VERCEL && current.trustedProxy === "vercel") {
    return failed("TRUSTED_PROXY", "not on Vercel: a client could forge x-vercel-forwarded-for; set none or the number of your proxies");
  }
  return passed("TRUSTED_PROXY", String(current.trustedProxy));
}

function checkUploadStorage(current: Env): DoctorCheck {
  if (current.uploadStorageProblem) return failed("STORAGE_DRIVER", current.uploadStorageProblem);
  if (current.STORAGE_DRIVER === "vercel-blob" && !BLOB_TOKEN_SHAPE.test(current.BLOB_READ_WRITE_TOKEN ?? "")) {
    return failed("BLOB_READ_WRITE_TOKEN", "not a Vercel Blob read-write token (vercel_blob_rw_…): connect a Blob store to the project");
  }
  return passed("STORAGE_DRIVER", current.STORAGE_DRIVER);
}

/** Settings meant for benchmarks and load tests only. */
function checkTestOnlySettings(current: Env): DoctorCheck[] {
  const problems = [
    current.BENCH_EXPOSE_ROUND_TRIPS === "1" ? "BENCH_EXPOSE_ROUND_TRIPS=1" : null,
    current.CHECKOUT_ABUSE_LIMITS === "off" ? "CHECKOUT_ABUSE_LIMITS=off" : null,
    current.DATABASE_SIMULATED_RTT_MS > 0 ? "DATABASE_SIMULATED_RTT_MS" : null,
  ].filter((problem): problem is string => problem !== null);
  return problems.map((setting) => failed(setting.replace(/=.*/, ""), `${setting} is for benchmarks: remove it from the deployment`));
}

/** What stays closed while a secret is missing (lib/env.ts closes the part it guards). */
const CLOSED_BY: Record<string, string> = {
  ADMIN_PASSWORD: "the admin",
  SESSION_SECRET: "the admin",
  ADMIN_USER_IDS: "the admin",
  STRIPE_SECRET_KEY: "checkout",
  STRIPE_WEBHOOK_SECRET: "checkout",
  CRON_SECRET: "cron",
  RESEND_API_KEY: "email",
};

/** One line per setting; `current` is the environment parsed as production parses it. */
export function checkSettings(current: Env): DoctorCheck[] {
  // APP_URL gets its own line below, which tells "not set" from "not https".
  const invalid = current.invalidSettings.filter((problem) => !problem.startsWith("APP_URL ")).map((problem) => {
    const [name, ...why] = problem.split(" ");
    return failed(name!, why.join(" ").replace(/^\(|\)$/g, ""));
  });
  const reported = new Set(invalid.map((check) => check.name));
  const missing = current.missingSecrets
    .filter((name) => !reported.has(name) && name !== "APP_URL")
    .map((name) => failed(name, `not set: ${CLOSED_BY[name] ?? "part of the shop"} stays closed until it is`));
  for (const check of missing) reported.add(check.name);
  const checks = [
    checkAppUrl(current),
    checkDatabaseUrl(current),
    ...checkStripeSettings(current),
    ...checkResendSettings(current),
    ...checkClerkSettings(current),
    checkTrustedProxy(current),
    current.CRON_SECRET ? passed("CRON_SECRET") : failed("CRON_SECRET", "set 32+ random characters (openssl rand -base64 24): Vercel sends it to the cron endpoints"),
    checkUploadStorage(current),
    ...checkTestOnlySettings(current),
  ].filter((check) => !(reported.has(check.name) && check.outcome === "fail"));
  return [...invalid, ...missing, ...checks];
}
