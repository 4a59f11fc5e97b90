// next/server exports NextFetchEvent as a type only; the class lives here.
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { storefrontSessions } from "@/lib/db/schema";
import { forgetMaintenanceSettings } from "@/lib/maintenance/maintenance-flag";
import { saveSettings } from "@/lib/settings";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { GET as cartGet } from "@/app/api/cart/route";
import { config, middleware } from "@/middleware";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { parseSetCookie } from "@/tests/factories/admin-requests";
import { countRows, withFreshClient } from "@/tests/factories/fresh-client";
import { addDays, shopDayOf } from "@/lib/shop-calendar";
import { VISIT_COOKIE } from "./storefront-sessions";

const BROWSER = { "sec-fetch-dest": "document", accept: "text/html", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0" };

/** Runs middleware and then what it left to finish after the response (the visit's write). */
async function visit(path: string, headers: Record<string, string> = BROWSER, method = "GET"): Promise<Response> {
  const request = new NextRequest(`http://localhost${path}`, { method, headers });
  const pending: Promise<unknown>[] = [];
  const response = await middleware(request, new NextFetchEvent({ request, page: path, context: { waitUntil: (work) => pending.push(work) } }));
  await Promise.all(pending);
  return response!;
}

const sessions = () => withFreshClient((db) => db.select().from(storefrontSessions));

beforeAll(async () => {
  useOwnerLogin();
  await writeTransaction((tx) => saveSettings(tx, { maintenanceMode: false }));
  forgetMaintenanceSettings();
});
afterAll(() => restoreAdminEnv());
beforeEach(() => writeTransaction((tx) => tx.delete(storefrontSessions)));

const DAY = () => shopDayOf(new Date());
const rowCount = () => withFreshClient((db) => countRows(db, storefrontSessions));
const withCookie = (value: string, headers: Record<string, string> = BROWSER) => ({ ...headers, cookie: `${VISIT_COOKIE}=${value}` });

describe("storefront visit counting", () => {
  it("offers a cookie on a browser's first page of the day and counts the visit once the cookie comes back, then never again that day", async () => {
    const first = await visit("/products");
    const pending = parseSetCookie(first, VISIT_COOKIE);
    expect(pending?.value).toMatch(new RegExp(`^pending\\.${DAY()}\\.[0-9a-f]{32}$`));
    expect(pending?.attributes).toMatchObject({ httponly: "true", samesite: "lax", path: "/" });
    const expires = new Date(pending!.attributes.expires!);
    expect(shopDayOf(new Date(expires.getTime() - 1))).toBe(DAY());
    expect(shopDayOf(expires)).not.toBe(DAY());
    // Handing the cookie out writes nothing.
    expect(await rowCount()).toBe(0);

    const second = await visit("/cart", withCookie(pending!.value));
    const sessionId = pending!.value.split(".")[2];
    const rows = await sessions();
    expect(rows).toEqual([expect.objectContaining({ sessionId, day: DAY() })]);
    // Nothing else about the visitor is stored.
    expect(Object.keys(rows[0]!).sort()).toEqual(["createdAt", "day", "id", "sessionId"]);
    const counted = parseSetCookie(second, VISIT_COOKIE);
    expect(counted?.value).toBe(`counted.${DAY()}`);
    expect(counted?.attributes.expires).toBe(pending!.attributes.expires);

    const third = await visit("/products", withCookie(counted!.value));
    expect(parseSetCookie(third, VISIT_COOKIE)).toBeNull();
    expect(await rowCount()).toBe(1);
  });

  it("writes nothing for page loads that never send the cookie back, however many", async () => {
    const offered: (string | undefined)[] = [];
    for (let i = 0; i < 40; i++) offered.push(parseSetCookie(await visit(`/products?page=${i}`), VISIT_COOKIE)?.value);
    expect(await rowCount()).toBe(0);
    for (const value of offered) expect(value).toMatch(/^pending\./);
  });

  it("counts the round trip on a client-side navigation or a link prefetch, since a page loaded with scripts sends no second document", async () => {
    const requests: [string, Record<string, string>, string?][] = [
      ["/products/moss", { rsc: "1", "sec-fetch-dest": "empty" }],
      ["/collections", { rsc: "1", "next-router-prefetch": "1", "sec-fetch-dest": "empty" }],
      ["/cart", { rsc: "1", "sec-fetch-dest": "empty" }],
    ];
    for (const [path, headers] of requests) {
      const pending = parseSetCookie(await visit("/"), VISIT_COOKIE)!.value;
      const back = await visit(path, withCookie(pending, headers));
      expect(parseSetCookie(back, VISIT_COOKIE)?.value, path).toBe(`counted.${DAY()}`);
    }
    expect(await rowCount()).toBe(3);
  });

  it("treats another day's cookie, an older format or a malformed one as no cookie: nothing written", async () => {
    const yesterday = addDays(DAY(), -1);
    for (const value of [`pending.${yesterday}.${"a".repeat(32)}`, "b".repeat(32), `pending.${DAY()}.short`, `pending.${DAY()}.${"C".repeat(32)}`, "counted.yesterday"]) {
      const response = await visit("/products", withCookie(value));
      expect(parseSetCookie(response, VISIT_COOKIE)?.value, value).toMatch(new RegExp(`^pending\\.${DAY()}\\.`));
    }
    // Yesterday's counted cookie does not stop today's count.
    const afterMidnight = await visit("/products", withCookie(`counted.${yesterday}`));
    expect(parseSetCookie(afterMidnight, VISIT_COOKIE)?.value).toMatch(/^pending\./);
    expect(await rowCount()).toBe(0);
  });

  it("offers no cookie to prefetches, scripts, API calls, crawlers, form posts or the admin", async () => {
    const offered = [
      await visit("/products", { ...BROWSER, "next-router-prefetch": "1" }),
      await visit("/products", { ...BROWSER, "sec-purpose": "prefetch" }),
      await visit("/products", { ...BROWSER, "sec-fetch-dest": "script" }),
      await visit("/products", { ...BROWSER, rsc: "1", "sec-fetch-dest": "empty" }),
      await visit("/api/cart", BROWSER),
      await visit("/products", { ...BROWSER, "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" }),
      await visit("/order/HD-1001", BROWSER, "POST"),
      await visit("/admin/sign-in", BROWSER),
    ].map((response) => parseSetCookie(response, VISIT_COOKIE));
    expect(offered).toEqual(offered.map(() => null));
    expect(await rowCount()).toBe(0);
  });

  it("leaves the APIs out: the middleware does not run on them and route() counts nothing, so the next page request counts the visit", async () => {
    expect(unstable_doesMiddlewareMatch({ config, url: "/api/cart" })).toBe(false);
    const pending = parseSetCookie(await visit("/"), VISIT_COOKIE)!.value;
    const cartCall = await cartGet(new NextRequest("http://localhost/api/cart", { headers: withCookie(pending, { "sec-fetch-dest": "empty", accept: "application/json" }) }), {
      params: Promise.resolve({}),
    });
    expect(cartCall.status).toBe(200);
    expect(parseSetCookie(cartCall, VISIT_COOKIE)).toBeNull();
    expect(await rowCount()).toBe(0);
    const next = await visit("/collections", withCookie(pending, { rsc: "1", "next-router-prefetch": "1", "sec-fetch-dest": "empty" }));
    expect(parseSetCookie(next, VISIT_COOKIE)?.value).toBe(`counted.${DAY()}`);
    expect(await rowCount()).toBe(1);
  });

  it("counts one row per session per day in the database itself", async () => {
    await writeTransaction((tx) => tx.insert(storefrontSessions).values({ sessionId: "a".repeat(32), day: "2026-12-01" }));
    await expect(writeTransaction((tx) => tx.insert(storefrontSessions).values({ sessionId: "a".repeat(32), day: "2026-12-01" }))).rejects.toThrow();
    await expect(writeTransaction((tx) => tx.insert(storefrontSessions).values({ sessionId: "a".repeat(32), day: "1 Dec" }))).rejects.toThrow();
  });
});
