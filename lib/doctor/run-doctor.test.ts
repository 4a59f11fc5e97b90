import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { HANDLED_EVENT_TYPES } from "@/lib/webhooks/handle-stripe-event";
import { removeAllAdminAccounts, resetAdminAccounts } from "@/tests/factories/admin-accounts";
import { formatCheck, type DoctorCheck } from "./doctor-check";
import { runDoctor } from "./run-doctor";

const APP_URL = "https://hedgerowdyeworks.co.uk";

/** What the stand-in for Stripe's and Resend's APIs answers; each test sets the part it breaks. */
type Answers = {
  stripeStatus: number;
  chargesEnabled: boolean;
  endpoints: { url: string; enabled_events: string[]; status: string }[];
  resendStatus: number;
  domains: { name: string; status: string }[];
  databaseStatus: number;
};

const healthy = (): Answers => ({
  stripeStatus: 200,
  chargesEnabled: true,
  endpoints: [{ url: `${APP_URL}/api/webhooks/stripe`, enabled_events: [...HANDLED_EVENT_TYPES], status: "enabled" }],
  resendStatus: 200,
  domains: [{ name: "hedgerowdyeworks.co.uk", status: "verified" }],
  databaseStatus: 401,
});

let answers = healthy();
let server: Server;
let port: number;
/** A port nothing listens on: connecting there fails at once, as when offline. */
let closedPort: number;

function answer(path: string): { status: number; body: unknown } {
  if (path === "/v1/account") {
    if (answers.stripeStatus !== 200) return { status: answers.stripeStatus, body: { error: { type: "invalid_request_error", message: "Invalid API Key provided" } } };
    return { status: 200, body: { id: "acct_hedgerow", object: "account", charges_enabled: answers.chargesEnabled } };
  }
  if (path === "/v1/webhook_endpoints") {
    const data = answers.endpoints.map((endpoint, index) => ({ id: `we_${index}`, object: "webhook_endpoint", ...endpoint }));
    return { status: 200, body: { object: "list", data, has_more: false, url: "/v1/webhook_endpoints" } };
  }
  if (path === "/domains") {
    if (answers.resendStatus !== 200) return { status: answers.resendStatus, body: { name: "invalid_api_key", message: "API key is invalid", statusCode: answers.resendStatus } };
    const data = answers.domains.map((domain, index) => ({ id: `d_${index}`, created_at: "2026-01-01T00:00:00Z", region: "eu-west-1", ...domain }));
    return { status: 200, body: { object: "list", has_more: false, data } };
  }
  // Anything else is the database's HTTP protocol: a server that refuses the token.
  return { status: answers.databaseStatus, body: { error: "Unauthorized" } };
}

async function listen(): Promise<Server> {
  const standIn = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const { status, body } = answer((req.url ?? "").split("?")[0]!);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
  return standIn;
}

beforeAll(async () => {
  server = await listen();
  port = (server.address() as AddressInfo).port;
  const closed = await listen();
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  answers = healthy();
});

function liveSettings(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: "production",
    // The migrated database of this test file (tests/setup/database.ts).
    DATABASE_URL: process.env.DATABASE_URL,
    DATA_DIR: process.env.DATA_DIR,
    APP_URL,
    STRIPE_SECRET_KEY: `sk_live_${"a".repeat(24)}`,
    STRIPE_WEBHOOK_SECRET: `whsec_${"b".repeat(32)}`,
    RESEND_API_KEY: `re_${"c".repeat(24)}`,
    RESEND_BASE_URL: `http://127.0.0.1:${port}`,
    EMAIL_FROM: "Hedgerow Dye Works <orders@hedgerowdyeworks.co.uk>",
    ADMIN_PASSWORD: "correct horse battery",
    SESSION_SECRET: "s".repeat(40),
    CRON_SECRET: "k".repeat(40),
    ...overrides,
  };
}

async function doctor(overrides: Record<string, string | undefined> = {}, stripePort = port): Promise<DoctorCheck[]> {
  return runDoctor(() => parseEnv(liveSettings(overrides)), { stripeApi: { host: "127.0.0.1", port: stripePort, protocol: "http" }, timeoutMs: 3_000 });
}

const lineOf = (checks: DoctorCheck[], name: string) => formatCheck(checks.find((check) => check.name === name)!);

describe("npm run doctor", () => {
  it("passes a shop ready to go live, checking the database, Stripe and Resend", async () => {
    const checks = await doctor();
    expect(checks.filter((check) => check.outcome !== "ok").map(formatCheck)).toEqual([]);
    expect(lineOf(checks, "database")).toBe("✓ database — reachable, token accepted");
    expect(lineOf(checks, "migrations")).toMatch(/^✓ migrations — current \(0\d{3}_/);
    expect(lineOf(checks, "database write")).toBe("✓ database write — probe written and rolled back");
    expect(lineOf(checks, "database integrity")).toBe("✓ database integrity — quick_check ok");
    expect(lineOf(checks, "Stripe account")).toBe("✓ Stripe account — acct_hedgerow, takes charges");
    expect(lineOf(checks, "Stripe webhook")).toMatch(/^✓ Stripe webhook — .* sends every event the shop handles$/);
    expect(lineOf(checks, "Resend domain")).toBe("✓ Resend domain — hedgerowdyeworks.co.uk verified");
  });

  it("leaves nothing behind from its write probe", async () => {
    await doctor();
    const again = await doctor();
    expect(lineOf(again, "database write")).toMatch(/^✓/);
  });

  it("fails an environment production would refuse outright", async () => {
    const checks = await doctor({ DATABASE_URL: "libsql://hedgerow-ada.turso.io", DATABASE_AUTH_TOKEN: undefined });
    expect(checks).toEqual([{ name: "environment", outcome: "fail", detail: expect.stringContaining("DATABASE_AUTH_TOKEN is required") }]);
  });

  it("fails a database file that is missing or has no migrations", async () => {
    const missing = await doctor({ DATABASE_URL: `file:${path.join(process.env.DATA_DIR!, "nowhere", "store.db")}` });
    expect(lineOf(missing, "database")).toMatch(/^✗ database — no database file at .*nowhere/);
    const emptyFile = `file:${path.join(process.env.DATA_DIR!, "empty.db")}`;
    const { createClient } = await import("@libsql/client");
    const client = createClient({ url: emptyFile });
    await client.execute("SELECT 1");
    client.close();
    expect(lineOf(await doctor({ DATABASE_URL: emptyFile }), "migrations")).toBe("✗ migrations — none applied: run npm run db:migrate with this DATABASE_URL");
  });

  it("fails a database that refuses the token, and only reports one it cannot reach", async () => {
    const refused = await doctor({ DATABASE_URL: `http://127.0.0.1:${port}`, DATABASE_AUTH_TOKEN: "eyJh.eyJp.c2ln" });
    expect(lineOf(refused, "database")).toMatch(/^✗ database — the server refused DATABASE_AUTH_TOKEN \(HTTP 401\)/);
    const offline = await doctor({ DATABASE_URL: `http://127.0.0.1:${closedPort}`, DATABASE_AUTH_TOKEN: "eyJh.eyJp.c2ln" });
    expect(lineOf(offline, "database")).toMatch(/^\? database — could not reach: /);
  });

  it("fails a Stripe key the API refuses and a live account that cannot take charges", async () => {
    answers.stripeStatus = 401;
    expect(lineOf(await doctor(), "Stripe")).toMatch(/^✗ Stripe — the secret key was refused/);
    answers = { ...healthy(), chargesEnabled: false };
    expect(lineOf(await doctor(), "Stripe account")).toMatch(/^✗ Stripe account — acct_hedgerow cannot take charges yet/);
  });

  it("fails a webhook endpoint that is missing, disabled or not subscribed to every handled event", async () => {
    answers.endpoints = [{ url: "https://elsewhere.example/api/webhooks/stripe", enabled_events: ["*"], status: "enabled" }];
    expect(lineOf(await doctor(), "Stripe webhook")).toMatch(/^✗ Stripe webhook — no live endpoint for https:\/\/hedgerowdyeworks\.co\.uk\/api\/webhooks\/stripe/);
    answers.endpoints = [{ url: `${APP_URL}/api/webhooks/stripe`, enabled_events: [...HANDLED_EVENT_TYPES], status: "disabled" }];
    expect(lineOf(await doctor(), "Stripe webhook")).toMatch(/is disabled: enable it/);
    const [dropped, ...kept] = HANDLED_EVENT_TYPES;
    answers.endpoints = [{ url: `${APP_URL}/api/webhooks/stripe`, enabled_events: kept, status: "enabled" }];
    expect(lineOf(await doctor(), "Stripe webhook")).toBe(`✗ Stripe webhook — ${APP_URL}/api/webhooks/stripe does not send ${dropped}: add those events to the endpoint`);
    answers.endpoints = [{ url: `${APP_URL}/api/webhooks/stripe`, enabled_events: ["*"], status: "enabled" }];
    expect(lineOf(await doctor(), "Stripe webhook")).toMatch(/^✓/);
  });

  it("fails a Resend key the API refuses and a sender domain that is not verified", async () => {
    answers.resendStatus = 401;
    expect(lineOf(await doctor(), "Resend domain")).toMatch(/^✗ Resend domain — RESEND_API_KEY was refused/);
    answers = { ...healthy(), domains: [{ name: "hedgerowdyeworks.co.uk", status: "pending" }] };
    expect(lineOf(await doctor(), "Resend domain")).toMatch(/^✗ Resend domain — hedgerowdyeworks\.co\.uk is pending/);
    answers = { ...healthy(), domains: [] };
    expect(lineOf(await doctor(), "Resend domain")).toMatch(/is not in this Resend account/);
  });

  it("says 'could not reach' for Stripe and Resend when offline, which fails nothing", async () => {
    const checks = await doctor({ RESEND_BASE_URL: `http://127.0.0.1:${closedPort}` }, closedPort);
    expect(lineOf(checks, "Stripe")).toMatch(/^\? Stripe — could not reach: /);
    expect(lineOf(checks, "Resend domain")).toMatch(/^\? Resend domain — could not reach: /);
    expect(checks.filter((check) => check.outcome === "fail")).toEqual([]);
  });

  it("fails a shop with no owner account and no ADMIN_PASSWORD, and says when ADMIN_PASSWORD no longer opens anything", async () => {
    expect(lineOf(await doctor(), "admin accounts")).toBe("✓ admin accounts — 1 owner(s), 0 staff; ADMIN_PASSWORD opens nothing now and can be removed");
    await removeAllAdminAccounts();
    try {
      expect(lineOf(await doctor(), "admin accounts")).toBe("✓ admin accounts — none yet: the first sign-in with ADMIN_PASSWORD makes the owner's account");
      expect(lineOf(await doctor({ ADMIN_PASSWORD: undefined }), "admin accounts")).toMatch(/^✗ admin accounts — no owner account and no ADMIN_PASSWORD/);
    } finally {
      await resetAdminAccounts();
    }
  });
});
