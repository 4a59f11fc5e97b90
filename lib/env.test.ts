import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeMissingSecrets, devSecretsPath, EnvError, parseEnv } from "./env";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "env-test-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("environment", () => {
  it("defaults to the embedded database and local adapters in development, generating secrets once", () => {
    const dataDir = tempDir();
    const first = parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir });
    expect(first.DATABASE_URL).toBe("file:./data/store.db");
    expect(first.paymentsProvider).toBe("local");
    expect(first.emailTransport).toBe("capture");
    expect(first.hasClerk).toBe(false);
    expect(first.SESSION_SECRET!.length).toBeGreaterThanOrEqual(32);
    expect(first.STRIPE_WEBHOOK_SECRET).toMatch(/^whsec_/);
    expect(first.missingSecrets).toEqual([]);
    expect(existsSync(devSecretsPath(dataDir))).toBe(true);

    const second = parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir });
    expect(second.ADMIN_PASSWORD).toBe(first.ADMIN_PASSWORD);
    expect(second.SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(JSON.parse(readFileSync(devSecretsPath(dataDir), "utf8")).ADMIN_PASSWORD).toBe(first.ADMIN_PASSWORD);
  });

  it("lets explicit values win over generated ones", () => {
    const current = parseEnv({ NODE_ENV: "development", DATA_DIR: tempDir(), ADMIN_PASSWORD: "my own password" });
    expect(current.ADMIN_PASSWORD).toBe("my own password");
  });

  it("never falls back to local adapters in production and names every missing secret in one line", () => {
    const current = parseEnv({ NODE_ENV: "production", DATA_DIR: tempDir() });
    expect(current.paymentsProvider).toBe("stripe");
    expect(current.emailTransport).toBe("resend");
    expect(current.closedParts).toEqual({ admin: true, checkout: true, cron: true, email: true });
    const line = describeMissingSecrets(current)!;
    expect(line.split("\n")).toHaveLength(1);
    // ADMIN_PASSWORD is not among them: once an account exists it is not needed (boot-warning.ts says when it is).
    for (const name of ["SESSION_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "CRON_SECRET", "RESEND_API_KEY"]) {
      expect(line).toContain(name);
    }
  });

  it("closes admin in production when Clerk is configured without an allowlist", () => {
    const current = parseEnv({
      NODE_ENV: "production",
      DATA_DIR: tempDir(),
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_x",
      CLERK_SECRET_KEY: "sk_live_x",
      ADMIN_USER_IDS: " ",
    });
    expect(current.hasClerk).toBe(true);
    expect(current.adminUserIds).toEqual([]);
    expect(current.closedParts.admin).toBe(true);
    expect(current.missingSecrets).toContain("ADMIN_USER_IDS");
  });

  it("uses the local provider in production only when chosen explicitly", () => {
    const current = parseEnv({
      NODE_ENV: "production",
      DATA_DIR: tempDir(),
      PAYMENTS_PROVIDER: "local",
      EMAIL_TRANSPORT: "capture",
      STRIPE_WEBHOOK_SECRET: `whsec_${"w".repeat(32)}`,
      ADMIN_PASSWORD: "a long owner password",
      SESSION_SECRET: "s".repeat(40),
      CRON_SECRET: "c".repeat(32),
      APP_URL: "https://shop.example.com/",
    });
    expect(current.APP_URL).toBe("https://shop.example.com");
    expect(current.paymentsProvider).toBe("local");
    expect(current.missingSecrets).toEqual([]);
    expect(describeMissingSecrets(current)).toBeNull();
  });

  it("rejects malformed values with a clear message", () => {
    expect(() => parseEnv({ NODE_ENV: "test", DATABASE_URL: "postgres://nope" })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: "test", DATABASE_URL: "libsql://shop.turso.io" })).toThrow(/DATABASE_AUTH_TOKEN/);
    expect(() => parseEnv({ NODE_ENV: "test", PAYMENTS_PROVIDER: "paypal" })).toThrow(/PAYMENTS_PROVIDER/);
  });

  it("closes the admin, not the shop, for a SESSION_SECRET that is too short, and names it at boot", () => {
    const current = parseEnv({ NODE_ENV: "test", SESSION_SECRET: "short", ADMIN_PASSWORD: "a long owner password" });
    expect(current.SESSION_SECRET).toBeUndefined();
    expect(current.closedParts).toMatchObject({ admin: true, checkout: false });
    expect(describeMissingSecrets(current)).toMatch(/INVALID CONFIGURATION: SESSION_SECRET \(shorter than 32 characters\).*closed until configured: admin/);
  });

  it("requires an owner password of at least 12 characters in production", () => {
    const base = { NODE_ENV: "production", DATA_DIR: tempDir(), SESSION_SECRET: "s".repeat(40), APP_URL: "https://shop.example.com" };
    // Refused (so it cannot make the first owner) and named at boot; the accounts that exist still sign in.
    expect(parseEnv({ ...base, ADMIN_PASSWORD: "elevenchars" }).ADMIN_PASSWORD).toBeUndefined();
    expect(describeMissingSecrets(parseEnv({ ...base, ADMIN_PASSWORD: "elevenchars" }))).toContain("ADMIN_PASSWORD (shorter than 12 characters)");
    expect(parseEnv({ ...base, ADMIN_PASSWORD: "twelve chars" }).closedParts.admin).toBe(false);
    // Development keeps short passwords usable: nobody outside the machine can reach it.
    expect(parseEnv({ NODE_ENV: "test", ADMIN_PASSWORD: "short" }).closedParts.admin).toBe(false);
  });

  it("closes cron in production for a CRON_SECRET under 32 characters, and names it at boot", () => {
    const base = { NODE_ENV: "production", DATA_DIR: tempDir(), APP_URL: "https://shop.example.com" };
    const weak = parseEnv({ ...base, CRON_SECRET: "a" });
    expect(weak.CRON_SECRET).toBeUndefined();
    expect(weak.closedParts.cron).toBe(true);
    expect(weak.missingSecrets).not.toContain("CRON_SECRET"); // named once, as invalid
    expect(describeMissingSecrets(weak)).toMatch(/INVALID CONFIGURATION: .*CRON_SECRET \(shorter than 32 characters\).*closed until configured: .*cron/);
    expect(parseEnv({ ...base, CRON_SECRET: "c".repeat(31) }).closedParts.cron).toBe(true);
    const strong = parseEnv({ ...base, CRON_SECRET: "c".repeat(32) });
    expect(strong.closedParts.cron).toBe(false);
    expect(strong.CRON_SECRET).toBe("c".repeat(32));
    // Development and tests keep a short one usable: nothing outside the machine reaches them.
    expect(parseEnv({ NODE_ENV: "test", CRON_SECRET: "a" }).closedParts.cron).toBe(false);
  });

  it("closes checkout in production for a webhook secret with under 32 characters after whsec_, and names it at boot", () => {
    const base = {
      NODE_ENV: "production",
      DATA_DIR: tempDir(),
      APP_URL: "https://shop.example.com",
      PAYMENTS_PROVIDER: "local",
      EMAIL_TRANSPORT: "capture",
    };
    for (const weakSecret of ["a", "whsec_x", `whsec_${"w".repeat(31)}`, "w".repeat(31)]) {
      const weak = parseEnv({ ...base, STRIPE_WEBHOOK_SECRET: weakSecret });
      expect(weak.STRIPE_WEBHOOK_SECRET).toBeUndefined();
      expect(weak.closedParts.checkout).toBe(true);
      expect(describeMissingSecrets(weak)).toMatch(/INVALID CONFIGURATION: .*STRIPE_WEBHOOK_SECRET \(shorter than 32 characters after "whsec_"\).*closed until configured: .*checkout/);
    }
    // Stripe's dashboard secrets (whsec_ + 32), the CLI's (whsec_ + 64 hex) and a bare 32-character key all pass.
    for (const strongSecret of [`whsec_${"A1b2".repeat(8)}`, `whsec_${"0f".repeat(32)}`, "k".repeat(32)]) {
      const strong = parseEnv({ ...base, STRIPE_WEBHOOK_SECRET: strongSecret });
      expect(strong.closedParts.checkout).toBe(false);
      expect(strong.STRIPE_WEBHOOK_SECRET).toBe(strongSecret);
    }
    expect(parseEnv({ NODE_ENV: "test", STRIPE_WEBHOOK_SECRET: "whsec_x" }).closedParts.checkout).toBe(false);
  });

  it("knows which secrets it generated, so only those are ever printed", () => {
    const current = parseEnv({ NODE_ENV: "development", DATA_DIR: tempDir(), ADMIN_PASSWORD: "my own password" });
    expect(current.generatedSecrets).not.toContain("ADMIN_PASSWORD");
    expect(current.generatedSecrets).toContain("SESSION_SECRET");
    expect(parseEnv({ NODE_ENV: "production", DATA_DIR: tempDir() }).generatedSecrets).toEqual([]);
  });

  it("requires APP_URL in production: without it checkout and email are closed and the boot line names it", () => {
    const current = parseEnv({ NODE_ENV: "production", DATA_DIR: tempDir(), PAYMENTS_PROVIDER: "local", EMAIL_TRANSPORT: "capture", STRIPE_WEBHOOK_SECRET: `whsec_${"w".repeat(32)}` });
    expect(current.APP_URL).toBe("");
    expect(current.closedParts).toMatchObject({ checkout: true, email: true });
    expect(describeMissingSecrets(current)).toContain("APP_URL");
    const invalid = parseEnv({ NODE_ENV: "production", DATA_DIR: tempDir(), APP_URL: "not a url" });
    expect(invalid.closedParts).toMatchObject({ checkout: true, email: true });
    expect(describeMissingSecrets(invalid)).toContain("INVALID CONFIGURATION: APP_URL");
    expect(parseEnv({ NODE_ENV: "test" }).APP_URL).toBe("http://localhost:3000");
  });

  it("trusts Vercel's address header on Vercel, no proxy elsewhere, or the configured number of hops", () => {
    expect(parseEnv({ NODE_ENV: "test" }).trustedProxy).toBe("none");
    expect(parseEnv({ NODE_ENV: "test", VERCEL: "1" }).trustedProxy).toBe("vercel");
    expect(parseEnv({ NODE_ENV: "test", VERCEL: "1", TRUSTED_PROXY: "none" }).trustedProxy).toBe("none");
    expect(parseEnv({ NODE_ENV: "test", TRUSTED_PROXY: "2" }).trustedProxy).toBe(2);
    const wrong = parseEnv({ NODE_ENV: "test", TRUSTED_PROXY: "cloudflare" });
    expect(wrong.trustedProxy).toBe("none");
    expect(describeMissingSecrets(wrong)).toContain("TRUSTED_PROXY");
  });
});
