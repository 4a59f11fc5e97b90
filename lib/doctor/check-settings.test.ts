import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { checkSettings } from "./check-settings";
import type { DoctorCheck } from "./doctor-check";

/** A deployment ready to go live, self-hosted with a file database; each test breaks one thing. */
function liveSettings(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: "production",
    DATABASE_URL: "file:./data/store.db",
    APP_URL: "https://hedgerowdyeworks.co.uk",
    STRIPE_SECRET_KEY: `sk_live_${"a".repeat(24)}`,
    STRIPE_WEBHOOK_SECRET: `whsec_${"b".repeat(32)}`,
    RESEND_API_KEY: `re_${"c".repeat(24)}`,
    EMAIL_FROM: "Hedgerow Dye Works <orders@hedgerowdyeworks.co.uk>",
    ADMIN_PASSWORD: "correct horse battery",
    SESSION_SECRET: "s".repeat(40),
    CRON_SECRET: "k".repeat(40),
    ...overrides,
  };
}

function failuresOf(overrides: Record<string, string | undefined>): DoctorCheck[] {
  return checkSettings(parseEnv(liveSettings(overrides))).filter((check) => check.outcome === "fail");
}

function expectOneFailure(overrides: Record<string, string | undefined>, name: string, fix: RegExp): void {
  expect(failuresOf(overrides)).toEqual([{ name, outcome: "fail", detail: expect.stringMatching(fix) }]);
}

const clerkPublishableKey = (mode: "live" | "test", host = "clerk.hedgerowdyeworks.co.uk") => `pk_${mode}_${Buffer.from(`${host}$`).toString("base64")}`;
/** Generated once: a 2048-bit key takes a while on a busy machine. */
const rsaPublicKeyPem = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();

describe("the doctor's settings checks", () => {
  it("passes a deployment with every setting present and well-formed", () => {
    const checks = checkSettings(parseEnv(liveSettings()));
    expect(checks.filter((check) => check.outcome !== "ok")).toEqual([]);
    expect(checks.map((check) => check.name)).toEqual(
      expect.arrayContaining(["APP_URL", "DATABASE_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "RESEND_API_KEY", "EMAIL_FROM", "CRON_SECRET", "TRUSTED_PROXY", "STORAGE_DRIVER"]),
    );
  });

  it("names each missing secret and what stays closed without it", () => {
    const failures = failuresOf({ ADMIN_PASSWORD: undefined, CRON_SECRET: undefined, RESEND_API_KEY: undefined });
    expect(failures.map((check) => [check.name, check.detail])).toEqual([
      ["CRON_SECRET", "not set: cron stays closed until it is"],
      ["RESEND_API_KEY", "not set: email stays closed until it is"],
    ]);
  });

  it("refuses an APP_URL that is missing, not https, or more than an origin", () => {
    expectOneFailure({ APP_URL: undefined }, "APP_URL", /not set or not a URL/);
    expectOneFailure({ APP_URL: "http://hedgerowdyeworks.co.uk" }, "APP_URL", /not https/);
    expectOneFailure({ APP_URL: "https://hedgerowdyeworks.co.uk/shop" }, "APP_URL", /origin only/);
  });

  it("refuses secrets too short for production", () => {
    expectOneFailure({ CRON_SECRET: "short" }, "CRON_SECRET", /shorter than 32/);
    expectOneFailure({ SESSION_SECRET: "short" }, "SESSION_SECRET", /shorter than 32/);
  });

  it("refuses keys of the wrong shape", () => {
    expectOneFailure({ STRIPE_SECRET_KEY: "pk_live_abcdefghijklmnopqrstuvwx" }, "STRIPE_SECRET_KEY", /not a Stripe secret key/);
    expectOneFailure({ STRIPE_WEBHOOK_SECRET: "x".repeat(40) }, "STRIPE_WEBHOOK_SECRET", /whsec_/);
    expectOneFailure({ RESEND_API_KEY: "sk_live_not_resend_at_all" }, "RESEND_API_KEY", /not a Resend API key/);
    expectOneFailure({ EMAIL_FROM: "Shop <orders@example.com>" }, "EMAIL_FROM", /your own domain/);
  });

  it("refuses fake payments, captured email and benchmark switches in a live shop", () => {
    expectOneFailure({ PAYMENTS_PROVIDER: "local" }, "PAYMENTS_PROVIDER", /take no money/);
    expectOneFailure({ EMAIL_TRANSPORT: "capture" }, "EMAIL_TRANSPORT", /sends nothing/);
    expectOneFailure({ CHECKOUT_ABUSE_LIMITS: "off" }, "CHECKOUT_ABUSE_LIMITS", /benchmarks/);
  });

  it("refuses a remote database without a Turso token or without TLS", () => {
    expectOneFailure({ DATABASE_URL: "libsql://hedgerow-ada.turso.io", DATABASE_AUTH_TOKEN: "not-a-jwt" }, "DATABASE_AUTH_TOKEN", /turso db tokens create/);
    expectOneFailure({ DATABASE_URL: "http://db.hedgerowdyeworks.co.uk", DATABASE_AUTH_TOKEN: "a.b.c" }, "DATABASE_URL", /TLS/);
    expect(failuresOf({ DATABASE_URL: "libsql://hedgerow-ada.turso.io", DATABASE_AUTH_TOKEN: "eyJh.eyJp.c2ln" })).toEqual([]);
  });

  it("on Vercel, refuses a file database, local photo storage and a proxy setting other than vercel", () => {
    const onVercel = { VERCEL: "1", DATABASE_URL: "libsql://hedgerow-ada.turso.io", DATABASE_AUTH_TOKEN: "eyJh.eyJp.c2ln", STORAGE_DRIVER: "vercel-blob", BLOB_READ_WRITE_TOKEN: "vercel_blob_rw_abc_123" };
    expect(failuresOf(onVercel)).toEqual([]);
    expectOneFailure({ ...onVercel, DATABASE_URL: "file:./data/store.db", DATABASE_AUTH_TOKEN: undefined }, "DATABASE_URL", /does not survive on Vercel/);
    expectOneFailure({ ...onVercel, STORAGE_DRIVER: "local" }, "STORAGE_DRIVER", /read-only disk/);
    expectOneFailure({ ...onVercel, BLOB_READ_WRITE_TOKEN: "blob-token" }, "BLOB_READ_WRITE_TOKEN", /vercel_blob_rw_/);
    expectOneFailure({ ...onVercel, TRUSTED_PROXY: "1" }, "TRUSTED_PROXY", /set it to vercel/);
    expectOneFailure({ TRUSTED_PROXY: "vercel" }, "TRUSTED_PROXY", /forge/);
  });

  describe("Clerk", () => {
    const clerk = (overrides: Record<string, string | undefined> = {}) => ({
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: clerkPublishableKey("live"),
      CLERK_SECRET_KEY: `sk_live_${"d".repeat(30)}`,
      CLERK_JWT_KEY: rsaPublicKeyPem,
      ADMIN_USER_IDS: "user_2abc",
      ADMIN_PASSWORD: undefined,
      SESSION_SECRET: undefined,
      ...overrides,
    });

    it("passes a live key pair, a parsing JWT key and an allowlist", () => {
      expect(failuresOf(clerk())).toEqual([]);
    });

    it("refuses half a key pair, keys of two instances, a broken JWT key and an empty allowlist", () => {
      expectOneFailure(clerk({ CLERK_SECRET_KEY: undefined, ADMIN_PASSWORD: "correct horse battery", SESSION_SECRET: "s".repeat(40) }), "Clerk", /set both/);
      expectOneFailure(clerk({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: clerkPublishableKey("test") }), "Clerk keys", /same instance/);
      expectOneFailure(clerk({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_bm90IGEgaG9zdA" }), "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", /not a Clerk publishable key/);
      expectOneFailure(clerk({ CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----" }), "CLERK_JWT_KEY", /does not parse/);
      expectOneFailure(clerk({ ADMIN_USER_IDS: undefined }), "ADMIN_USER_IDS", /not set: the admin stays closed/);
    });
  });
});
