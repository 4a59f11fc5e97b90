// route() for the APIs middleware.ts no longer runs on: maintenance mode and malformed paths, through the real handlers.
import type { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as unknownEndpoint from "@/app/api/[[...path]]/route";
import * as cart from "@/app/api/cart/route";
import * as quote from "@/app/api/checkout/quote/route";
import * as session from "@/app/api/checkout/session/route";
import * as status from "@/app/api/checkout/status/route";
import * as cleanup from "@/app/api/cron/cleanup-reservations/route";
import * as health from "@/app/api/health/route";
import * as stripe from "@/app/api/webhooks/stripe/route";
import { writeTransaction } from "@/lib/db";
import { forgetMaintenanceSettings } from "@/lib/maintenance/maintenance-flag";
import { saveSettings, type Settings } from "@/lib/settings";
import { clerkSessionCookie, clerkSessionToken, TEST_CLERK_JWT_KEY } from "@/tests/factories/admin-clerk";
import { restoreAdminEnv, useClerk, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
const call = (handler: unknown, request: NextRequest, params: Record<string, unknown> = {}) =>
  (handler as Handler)(request, { params: Promise.resolve(params) });

async function setMaintenance(changes: Partial<Settings>) {
  await writeTransaction((tx) =>
    saveSettings(tx, { maintenanceMode: false, maintenanceStartsAt: null, maintenanceEndsAt: null, maintenanceMessage: "Dyeing a new batch – back at noon.", ...changes }),
  );
  forgetMaintenanceSettings();
}

const CLOSED_BODY = { error: { code: "maintenance", message: "Dyeing a new batch – back at noon." } };

beforeAll(() => useOwnerLogin());
afterEach(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());
beforeEach(() => setMaintenance({ maintenanceMode: true }));
afterEach(() => vi.useRealTimers());

describe("storefront APIs in maintenance mode, answered by route()", () => {
  it("answers every storefront API with the JSON error, 503, Retry-After and no-store, before the handler runs", async () => {
    for (const [handler, method, path] of [
      [cart.GET, "GET", "/api/cart"],
      [cart.POST, "POST", "/api/cart"],
      [cart.PATCH, "PATCH", "/api/cart"],
      [session.POST, "POST", "/api/checkout/session"],
      [quote.POST, "POST", "/api/checkout/quote"],
      [unknownEndpoint.GET, "GET", "/api/cart.json"],
    ] as const) {
      const response = await call(handler, adminRequest(path, { method, body: method === "GET" ? undefined : {}, headers: { "x-request-id": "req-1" } }));
      expect(response.status, path).toBe(503);
      expect(response.headers.get("retry-after"), path).toBe("300");
      expect(response.headers.get("cache-control"), path).toBe("no-store");
      expect(response.headers.get("x-request-id"), path).toBe("req-1");
      expect(await response.json(), path).toEqual(CLOSED_BODY);
    }
  });

  it("keeps webhooks, cron, health and the payment status API open", async () => {
    const answers = [
      await call(health.GET, adminRequest("/api/health")),
      await call(status.GET, adminRequest("/api/checkout/status?session_id=cs_test_1")),
      await call(stripe.POST, adminRequest("/api/webhooks/stripe", { method: "POST", body: "{}" })),
      await call(cleanup.GET, adminRequest("/api/cron/cleanup-reservations")),
    ];
    expect(answers[0]!.status).toBe(200);
    for (const answer of answers) {
      expect(answer.status).not.toBe(503);
      expect(JSON.stringify(await answer.json())).not.toContain("maintenance");
    }
  });

  it("lets the signed-in owner use the closed shop's APIs, and nobody with a forged cookie", async () => {
    expect((await call(cart.GET, adminRequest("/api/cart", { cookie: ownerCookie() }))).status).toBe(200);
    expect((await call(cart.GET, adminRequest("/api/cart", { cookie: `${ownerCookie()}x` }))).status).toBe(503);
  });

  it("with Clerk, lets an allowlisted admin through (verifying the token as clerkMiddleware would) and turns other users away", async () => {
    useClerk("user_owner", { CLERK_JWT_KEY: TEST_CLERK_JWT_KEY });
    const api = (cookie?: string) => adminRequest("/api/cart", { cookie, headers: { "sec-fetch-dest": "empty" } });
    expect((await call(cart.GET, api(clerkSessionCookie(clerkSessionToken("user_owner"))))).status).toBe(200);
    expect((await call(cart.GET, api(clerkSessionCookie(clerkSessionToken("user_stranger"))))).status).toBe(503);
    const elsewhere = clerkSessionCookie(clerkSessionToken("user_owner", { authorizedParty: "https://other-shop.example" }));
    expect((await call(cart.GET, api(elsewhere))).status).toBe(503);
    expect((await call(cart.GET, api())).status).toBe(503);
  });

  it("serves the APIs again once switched off, and follows a scheduled window to the millisecond", async () => {
    await setMaintenance({ maintenanceMode: false });
    expect((await call(cart.GET, adminRequest("/api/cart"))).status).toBe(200);
    await setMaintenance({ maintenanceStartsAt: "2026-12-24T09:00:00.000Z", maintenanceEndsAt: "2026-12-24T10:00:00.000Z" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-24T08:59:59.999Z"));
    expect((await call(cart.GET, adminRequest("/api/cart"))).status).toBe(200);
    vi.setSystemTime(new Date("2026-12-24T09:30:00.000Z"));
    const closed = await call(cart.GET, adminRequest("/api/cart"));
    expect(closed.status).toBe(503);
    expect(closed.headers.get("retry-after")).toBe("1800");
    vi.setSystemTime(new Date("2026-12-24T10:00:00.000Z"));
    expect((await call(cart.GET, adminRequest("/api/cart"))).status).toBe(200);
  });
});

describe("malformed API paths, answered by route()", () => {
  it("answers a path that is not valid percent-encoding with 400 JSON, never a 500, open or closed", async () => {
    for (const open of [true, false]) {
      await setMaintenance({ maintenanceMode: !open });
      for (const path of ["/api/cart/%ff", "/api/%E0%A4%A", "/api/checkout/%c0/x"]) {
        const response = await call(unknownEndpoint.GET, adminRequest(path), { path: path.split("/").slice(2) });
        expect(response.status, path).toBe(400);
        expect(await response.json(), path).toEqual({ error: { code: "bad_request", message: "The request path is not valid." } });
      }
    }
  });
});
