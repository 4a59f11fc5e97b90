import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
// next/server exports NextFetchEvent as a type only; the class lives here.
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { config, middleware } from "@/middleware";
import { clerkSessionCookie, clerkSessionToken, TEST_CLERK_JWT_KEY } from "@/tests/factories/admin-clerk";
import { PRODUCTION_BASE, restoreAdminEnv, useClerk, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie, ownerSessionToken } from "@/tests/factories/admin-requests";
import { ADMIN_PATH_HEADER } from "./admin-paths";

afterEach(() => {
  restoreAdminEnv();
  vi.restoreAllMocks();
});

async function run(request: NextRequest): Promise<Response> {
  const event = new NextFetchEvent({ request, page: request.nextUrl.pathname, context: { waitUntil: () => {} } });
  const response = await middleware(request, event);
  if (!response) throw new Error("middleware answered nothing");
  return response;
}

/**
 * NextResponse.next() is marked with x-middleware-next; Clerk's middleware turns it into a rewrite
 * to the same URL (to forward its auth headers). A redirect or a JSON refusal carries neither.
 */
const passedThrough = (response: Response) =>
  response.status === 200 && (response.headers.get("x-middleware-next") === "1" || response.headers.has("x-middleware-rewrite"));

describe("middleware.ts", () => {
  it("runs on the Node.js runtime for every page path and the admin API, never the other APIs or the framework's static files", async () => {
    expect(config.runtime).toBe("nodejs");
    // The storefront pages are matched too: maintenance mode decides there (lib/maintenance/maintenance-gate.test.ts).
    // An API path with a percent sign too: Next would answer a malformed one with a 500 before any handler.
    const matched = ["/admin", "/admin/orders", "/admin/orders/12", "/api/admin", "/api/admin/session", "/api/admin/orders/1/fulfill", "/api/admin/%ff", "/api/cart/%ff", "/api/%E0%A4%A", "/api/cart/%20"];
    for (const url of [...matched, "/", "/products/moss", "/order/HD-1", "/apiary", "/api-docs", "/uploads/a.png", "/health"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(true);
    }
    // route() does the APIs' part (lib/http/api-gate.ts): a middleware run on each would only cost time.
    for (const url of ["/api", "/api/", "/api/cart", "/api/cart?q=%ff", "/api/health", "/api/webhooks/stripe", "/api/administer", "/api/checkout/session"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(false);
    }
    for (const url of ["/_next/static/chunks/main.js", "/_next/image", "/favicon.ico"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(false);
    }
    // It sees every other request too (to refuse malformed ones), and lets the ordinary ones straight through.
    useOwnerLogin();
    for (const url of ["/", "/products/moss", "/administrator"]) {
      expect(passedThrough(await run(adminRequest(url))), url).toBe(true);
    }
    expect(unstable_doesMiddlewareMatch({ config, url: "/_next/static/chunks/main.js" })).toBe(false);
  });

  it("answers a malformed path with 400 JSON under /api and the not-found page elsewhere, never a 500", async () => {
    for (const url of ["/api/admin/%ff", "/api/cart/%ff", "/api/%E0%A4%A"]) {
      const api = await run(adminRequest(url));
      expect(api.status, url).toBe(400);
      expect(await api.json(), url).toMatchObject({ error: { code: "bad_request" } });
    }
    // A well-formed percent sign under /api goes straight on to its handler (route() does the rest).
    useOwnerLogin();
    expect(passedThrough(await run(adminRequest("/api/cart/%20")))).toBe(true);
    for (const url of ["/products/%ff", "/collections/%E0%A4%A", "/order/%ff", "/checkout/local/%c0"]) {
      const page = await run(adminRequest(url));
      expect(page.headers.get("x-middleware-rewrite"), url).toBe("http://localhost/_malformed-path");
    }
  });

  it("refuses a cross-site or oversized server action before Next would fail with a 500", async () => {
    const crossSite = await run(adminRequest("/order/HD-1", { method: "POST", headers: { "next-action": "abc", origin: "https://evil.example" } }));
    expect(crossSite.status).toBe(403);
    const oversized = await run(adminRequest("/order/HD-1", { method: "POST", headers: { "next-action": "abc", "content-length": String(2 * 1024 * 1024) } }));
    expect(oversized.status).toBe(413);
    const streamed = await run(adminRequest("/order/HD-1", { method: "POST", headers: { "next-action": "abc", "transfer-encoding": "chunked" } }));
    expect(streamed.status).toBe(411);
    // APP_URL is the test default, http://localhost:3000: the shop's own origin.
    const ownPage = await run(adminRequest("/order/HD-1", { method: "POST", headers: { "next-action": "abc", origin: "http://localhost:3000" } }));
    expect(passedThrough(ownPage)).toBe(true);
  });

  it("never applies the admin's gate outside /admin and /api/admin", async () => {
    useOwnerLogin();
    for (const path of ["/administrator", "/administrator/orders"]) {
      expect(passedThrough(await run(adminRequest(path))), path).toBe(true);
    }
  });

  it("sends an anonymous visitor of an admin page to sign-in, with the way back", async () => {
    useOwnerLogin();
    const dashboard = await run(adminRequest("/admin"));
    expect(dashboard.status).toBe(307);
    expect(dashboard.headers.get("location")).toBe("http://localhost/admin/sign-in");

    const held = await run(adminRequest("/admin/orders?status=on_hold"));
    expect(held.headers.get("location")).toBe("http://localhost/admin/sign-in?next=%2Fadmin%2Forders%3Fstatus%3Don_hold");
  });

  it("answers an anonymous admin API call with 401 JSON", async () => {
    useOwnerLogin();
    const response = await run(adminRequest("/api/admin/orders", { method: "POST", body: {} }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to the admin first." } });
  });

  it("keeps the sign-in page and signing in and out reachable", async () => {
    useOwnerLogin();
    expect(passedThrough(await run(adminRequest("/admin/sign-in?next=%2Fadmin%2Forders")))).toBe(true);
    expect(passedThrough(await run(adminRequest("/api/admin/session", { method: "POST", body: { password: "x" } })))).toBe(true);
    expect(passedThrough(await run(adminRequest("/api/admin/session", { method: "DELETE" })))).toBe(true);
  });

  it("lets the owner through and tells the page its path, overwriting one the client made up", async () => {
    useOwnerLogin();
    const response = await run(
      adminRequest("/admin/inventory?low=1", { cookie: ownerCookie(), headers: { [ADMIN_PATH_HEADER]: "https://evil.example" } }),
    );
    expect(passedThrough(response)).toBe(true);
    expect(response.headers.get(`x-middleware-request-${ADMIN_PATH_HEADER}`)).toBe("/admin/inventory?low=1");
  });

  it("refuses a tampered or expired cookie like no cookie at all", async () => {
    useOwnerLogin();
    const token = ownerSessionToken();
    const tampered = ownerCookie(`${token}x`);
    const expired = ownerCookie(ownerSessionToken(Date.now() - 13 * 60 * 60 * 1000));
    for (const cookie of [tampered, expired, "store_admin_session=", "store_admin_session=owner"]) {
      expect((await run(adminRequest("/api/admin/orders", { cookie }))).status, cookie).toBe(401);
      expect((await run(adminRequest("/admin/orders", { cookie }))).status, cookie).toBe(307);
    }
  });

  it("keeps a production admin without its secrets closed, logging why on each refusal", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    useOwnerLogin({ ...PRODUCTION_BASE, SESSION_SECRET: undefined });
    const api = await run(adminRequest("/api/admin/orders"));
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ error: { code: "unavailable" } });
    const page = await run(adminRequest("/admin"));
    expect(page.headers.get("location")).toBe("http://localhost/admin/sign-in");
    expect(errors.mock.calls.filter(([line]) => String(line).includes("ADMIN CLOSED"))).toHaveLength(2);
  });

  describe("with Clerk", () => {
    // Real Clerk middleware, verifying real session tokens with a key of the test's own (no network).
    beforeEach(() => useClerk("user_owner", { CLERK_JWT_KEY: TEST_CLERK_JWT_KEY }));

    it("lets an allowlisted Clerk user through", async () => {
      const cookie = clerkSessionCookie(clerkSessionToken("user_owner"));
      const response = await run(adminRequest("/api/admin/orders", { cookie }));
      expect(passedThrough(response)).toBe(true);
      expect(response.headers.get(`x-middleware-request-${ADMIN_PATH_HEADER}`)).toBe("/api/admin/orders");
    });

    it("refuses a signed-in Clerk user who is not on ADMIN_USER_IDS", async () => {
      const cookie = clerkSessionCookie(clerkSessionToken("user_stranger"));
      const api = await run(adminRequest("/api/admin/orders", { cookie }));
      expect(api.status).toBe(403);
      expect(await api.json()).toMatchObject({ error: { code: "forbidden" } });
      const page = await run(adminRequest("/admin/orders", { cookie }));
      expect(page.headers.get("location")).toBe("http://localhost/admin/sign-in?next=%2Fadmin%2Forders");
    });

    it("refuses a signed-out caller and a token signed by someone else", async () => {
      expect((await run(adminRequest("/api/admin/orders"))).status).toBe(401);
      const forged = clerkSessionToken("user_owner").replace(/\.[^.]+$/, ".c2lnbmF0dXJl");
      expect((await run(adminRequest("/api/admin/orders", { cookie: clerkSessionCookie(forged) }))).status).toBe(401);
    });

    it("keeps signing in and out reachable", async () => {
      expect(passedThrough(await run(adminRequest("/admin/sign-in")))).toBe(true);
      expect(passedThrough(await run(adminRequest("/api/admin/session", { method: "DELETE" })))).toBe(true);
    });

    it("accepts a token only when it was minted for the shop's own origin (APP_URL)", async () => {
      const elsewhere = clerkSessionCookie(clerkSessionToken("user_owner", { authorizedParty: "https://other-shop.example" }));
      expect((await run(adminRequest("/api/admin/orders", { cookie: elsewhere }))).status).toBe(401);
      expect((await run(adminRequest("/admin/orders", { cookie: elsewhere }))).headers.get("location")).toBe(
        "http://localhost/admin/sign-in?next=%2Fadmin%2Forders",
      );

      useClerk("user_owner", { CLERK_JWT_KEY: TEST_CLERK_JWT_KEY, APP_URL: "https://shop.example.com/" });
      const own = clerkSessionCookie(clerkSessionToken("user_owner", { authorizedParty: "https://shop.example.com" }));
      expect(passedThrough(await run(adminRequest("/api/admin/orders", { cookie: own })))).toBe(true);
      const local = clerkSessionCookie(clerkSessionToken("user_owner"));
      expect((await run(adminRequest("/api/admin/orders", { cookie: local }))).status).toBe(401);
    });

    it("takes every spelling of a loopback APP_URL on its port as the same site, and no other port", async () => {
      useClerk("user_owner", { CLERK_JWT_KEY: TEST_CLERK_JWT_KEY, APP_URL: "http://127.0.0.1:3206" });
      for (const authorizedParty of ["http://127.0.0.1:3206", "http://localhost:3206", "http://[::1]:3206"]) {
        const cookie = clerkSessionCookie(clerkSessionToken("user_owner", { authorizedParty }));
        expect(passedThrough(await run(adminRequest("/api/admin/orders", { cookie }))), authorizedParty).toBe(true);
      }
      for (const authorizedParty of ["http://127.0.0.1:3000", "https://127.0.0.1:3206", "http://localhost"]) {
        const cookie = clerkSessionCookie(clerkSessionToken("user_owner", { authorizedParty }));
        expect((await run(adminRequest("/api/admin/orders", { cookie }))).status, authorizedParty).toBe(401);
      }
    });

    it("accepts no token at all in production without APP_URL, rather than skipping the check", async () => {
      useClerk("user_owner", { ...PRODUCTION_BASE, APP_URL: undefined, CLERK_JWT_KEY: TEST_CLERK_JWT_KEY });
      for (const authorizedParty of ["http://localhost:3000", "https://shop.example.com"]) {
        const cookie = clerkSessionCookie(clerkSessionToken("user_owner", { authorizedParty }));
        expect((await run(adminRequest("/api/admin/orders", { cookie }))).status, authorizedParty).toBe(401);
      }
    });

    it("refuses an expired token", async () => {
      const expired = clerkSessionCookie(clerkSessionToken("user_owner", { expiresInSeconds: -120 }));
      expect((await run(adminRequest("/api/admin/orders", { cookie: expired }))).status).toBe(401);
    });

    it("lets requests through as pass-throughs, not rewrites to themselves, keeping Clerk's auth headers", async () => {
      // A rewrite to its own URL is what Next proxies into a loop under --hostname 127.0.0.1.
      const cookie = clerkSessionCookie(clerkSessionToken("user_owner"));
      for (const [url, options] of [
        ["http://127.0.0.1:3206/", {}],
        ["http://127.0.0.1:3206/products/moss?colour=green", {}],
        ["http://127.0.0.1:3206/order/HD-1", { method: "POST", body: "{}" }],
        ["http://127.0.0.1:3206/admin/orders", { headers: { cookie } }],
        ["http://localhost/admin/sign-in", {}],
      ] as const) {
        const response = await run(new NextRequest(url, options));
        expect(response.headers.get("x-middleware-rewrite"), url).toBeNull();
        expect(response.headers.get("x-middleware-next"), url).toBe("1");
        expect(response.headers.get("x-middleware-request-x-clerk-auth-status"), url).toMatch(/^signed-(in|out)$/);
      }
      const admitted = await run(new NextRequest("http://127.0.0.1:3206/admin/orders", { headers: { cookie } }));
      expect(admitted.headers.get("x-middleware-request-x-clerk-auth-status")).toBe("signed-in");
    });

    it("leaves a rewrite to another path alone", async () => {
      const page = await run(adminRequest("/products/%ff"));
      expect(page.headers.get("x-middleware-rewrite")).toBe("http://localhost/_malformed-path");
    });

    it("lets nobody in when ADMIN_USER_IDS is missing in production", async () => {
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      useClerk(undefined, { ...PRODUCTION_BASE, CLERK_JWT_KEY: TEST_CLERK_JWT_KEY });
      const cookie = clerkSessionCookie(clerkSessionToken("user_owner"));
      expect((await run(adminRequest("/api/admin/orders", { cookie }))).status).toBe(503);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("ADMIN_USER_IDS is empty"));
    });
  });
});
