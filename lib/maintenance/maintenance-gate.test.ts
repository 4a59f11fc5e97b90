// middleware.ts with maintenance on: what shoppers, the owner and the machines each get.
// next/server exports NextFetchEvent as a type only; the class lives here.
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { writeTransaction } from "@/lib/db";
import { saveSettings, type Settings } from "@/lib/settings";
import { middleware } from "@/middleware";
import { clerkSessionCookie, clerkSessionToken, TEST_CLERK_JWT_KEY } from "@/tests/factories/admin-clerk";
import { restoreAdminEnv, useClerk, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { forgetMaintenanceSettings } from "./maintenance-flag";

async function run(request: NextRequest): Promise<Response> {
  const event = new NextFetchEvent({ request, page: request.nextUrl.pathname, context: { waitUntil: () => {} } });
  const response = await middleware(request, event);
  if (!response) throw new Error("middleware answered nothing");
  return response;
}

const passedThrough = (response: Response) => response.status === 200 && response.headers.get("x-middleware-next") === "1";
const page = (path: string, cookie?: string) => adminRequest(path, { cookie, headers: { "sec-fetch-dest": "document" } });

async function setMaintenance(changes: Partial<Settings>) {
  await writeTransaction((tx) =>
    saveSettings(tx, { maintenanceMode: false, maintenanceStartsAt: null, maintenanceEndsAt: null, maintenanceMessage: "Dyeing a new batch – back at noon.", ...changes }),
  );
  forgetMaintenanceSettings();
}

beforeAll(() => useOwnerLogin());
afterEach(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());
beforeEach(() => setMaintenance({ maintenanceMode: true }));
afterEach(() => vi.useRealTimers());

describe("maintenance mode in middleware.ts", () => {
  it("answers storefront pages with the back-soon page, 503 and Retry-After", async () => {
    for (const path of ["/", "/products/moss-merino", "/cart", "/checkout", "/checkout/local/chk_1"]) {
      const response = await run(page(path));
      expect(response.status, path).toBe(503);
      expect(response.headers.get("retry-after"), path).toBe("300");
      expect(response.headers.get("cache-control"), path).toBe("no-store");
      expect(response.headers.get("content-type"), path).toBe("text/html; charset=utf-8");
      const html = await response.text();
      expect(html, path).toContain("<h1>We’ll be back soon</h1>");
      expect(html, path).toContain("Dyeing a new batch – back at noon.");
    }
  });

  it("closes a storefront page whose path ends like a file: a suffix does not make a page a static asset", async () => {
    for (const path of ["/pages/about.json", "/products/moss-merino.png", "/collections/autumn.css", "/products/x.js", "/robots.txt", "/products/x.webmanifest"]) {
      const response = await run(page(path));
      expect(response.status, path).toBe(503);
      expect(await response.text(), path).toContain("<h1>We’ll be back soon</h1>");
    }
  });

  it("exempts exactly the files the shop serves as they are: everything in public/ and the icons in app/", async () => {
    for (const entry of readdirSync(path.join(process.cwd(), "public"))) {
      expect(passedThrough(await run(adminRequest(`/${entry}/any-file.svg`))), entry).toBe(true);
    }
    for (const icon of readdirSync(path.join(process.cwd(), "app")).filter((name) => /^(favicon|icon|apple-icon)\./.test(name))) {
      expect(passedThrough(await run(adminRequest(`/${icon}`))), icon).toBe(true);
    }
  });

  it("escapes the owner's message on the page", async () => {
    await setMaintenance({ maintenanceMode: true, maintenanceMessage: `Back <b>soon</b> & "fresh" <script>alert(1)</script>` });
    const html = await (await run(page("/"))).text();
    expect(html).toContain("Back &lt;b&gt;soon&lt;/b&gt; &amp; &quot;fresh&quot; &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("keeps the order page open to buyers, its email form included: every order email links there", async () => {
    for (const path of ["/order/HD-1001", "/order/HD-1001?token=abc", "/order/HD-2002.json"]) {
      expect(passedThrough(await run(page(path))), path).toBe(true);
    }
    const lookup = adminRequest("/order/HD-1001", { method: "POST", body: {}, headers: { "next-action": "0123abcd" } });
    expect(passedThrough(await run(lookup))).toBe(true);
    // Its neighbours stay closed.
    expect((await run(page("/orders"))).status).toBe(503);
  });

  it("keeps the payment result open to a shopper who just paid: the success page (its status API: lib/http/api-gate.test.ts)", async () => {
    expect(passedThrough(await run(page("/checkout/success?session_id=cs_test_1")))).toBe(true);
    // Starting a new payment stays closed.
    expect((await run(page("/checkout"))).status).toBe(503);
  });

  it("answers a form post from a page left open with the JSON error, code maintenance (the APIs answer it in route(): lib/http/api-gate.test.ts)", async () => {
    const response = await run(adminRequest("/products/moss-merino", { method: "POST", body: {}, headers: { "next-action": "0123abcd", origin: "http://localhost:3000" } }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("300");
    expect(await response.json()).toEqual({ error: { code: "maintenance", message: "Dyeing a new batch – back at noon." } });
  });

  it("lets every exempt path it runs on through while on: admin, sign-in, admin API, health, static files", async () => {
    for (const path of [
      "/admin/sign-in",
      "/api/admin/session",
      "/health",
      "/_next/static/chunks/main.js",
      "/images/yarn/moss.svg",
      "/favicon.ico",
    ]) {
      expect(passedThrough(await run(adminRequest(path))), path).toBe(true);
    }
    // The admin still answers as the admin does, never with the maintenance page.
    expect((await run(adminRequest("/admin/settings"))).headers.get("location")).toBe("http://localhost/admin/sign-in?next=%2Fadmin%2Fsettings");
    expect((await run(adminRequest("/api/admin/analytics"))).status).toBe(401);
    expect(passedThrough(await run(adminRequest("/admin/settings", { cookie: ownerCookie() })))).toBe(true);
  });

  it("lets the signed-in owner browse the closed storefront, and nobody with a forged cookie", async () => {
    expect(passedThrough(await run(page("/products", ownerCookie())))).toBe(true);
    expect((await run(page("/products", `${ownerCookie()}x`))).status).toBe(503);
  });

  it("serves the storefront again once switched off", async () => {
    await setMaintenance({ maintenanceMode: false });
    expect(passedThrough(await run(page("/products")))).toBe(true);
  });

  it("closes at a scheduled window's start and reopens at its end, counting Retry-After down to it", async () => {
    await setMaintenance({ maintenanceStartsAt: "2026-12-24T09:00:00.000Z", maintenanceEndsAt: "2026-12-24T10:00:00.000Z" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-24T08:59:59.999Z"));
    expect(passedThrough(await run(page("/")))).toBe(true);
    vi.setSystemTime(new Date("2026-12-24T09:00:00.000Z"));
    const closed = await run(page("/"));
    expect(closed.status).toBe(503);
    expect(closed.headers.get("retry-after")).toBe("3600");
    vi.setSystemTime(new Date("2026-12-24T09:59:59.999Z"));
    expect((await run(page("/cart"))).status).toBe(503);
    vi.setSystemTime(new Date("2026-12-24T10:00:00.000Z"));
    expect(passedThrough(await run(page("/")))).toBe(true);
  });

  it("with Clerk, lets an allowlisted admin browse the closed storefront and turns other signed-in users away", async () => {
    useClerk("user_owner", { CLERK_JWT_KEY: TEST_CLERK_JWT_KEY });
    const owner = await run(page("/products", clerkSessionCookie(clerkSessionToken("user_owner"))));
    expect(owner.status).toBe(200);
    expect(await owner.text()).not.toContain("back soon");
    expect((await run(page("/products", clerkSessionCookie(clerkSessionToken("user_stranger"))))).status).toBe(503);
    expect((await run(page("/products"))).status).toBe(503);
  });
});
