// next/server exports NextFetchEvent as a type only; the class lives here.
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { storefrontSessions } from "@/lib/db/schema";
import { forgetMaintenanceSettings } from "@/lib/maintenance/maintenance-flag";
import { saveSettings } from "@/lib/settings";
import { middleware } from "@/middleware";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { parseSetCookie } from "@/tests/factories/admin-requests";
import { countRows, withFreshClient } from "@/tests/factories/fresh-client";
import { shopDayOf } from "@/lib/shop-calendar";
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

describe("storefront visit counting", () => {
  it("counts a browser's first page of the day once, with a random id in a cookie that lasts until London midnight", async () => {
    const first = await visit("/products");
    const cookie = parseSetCookie(first, VISIT_COOKIE);
    expect(cookie?.value).toMatch(/^[0-9a-f]{32}$/);
    expect(cookie?.attributes).toMatchObject({ httponly: "true", samesite: "lax", path: "/" });
    const expires = new Date(cookie!.attributes.expires!);
    expect(shopDayOf(new Date(expires.getTime() - 1))).toBe(shopDayOf(new Date()));
    expect(shopDayOf(expires)).not.toBe(shopDayOf(new Date()));

    const rows = await sessions();
    expect(rows).toEqual([expect.objectContaining({ sessionId: cookie!.value, day: shopDayOf(new Date()) })]);
    // Nothing else about the visitor is stored.
    expect(Object.keys(rows[0]!).sort()).toEqual(["createdAt", "day", "id", "sessionId"]);

    const again = await visit("/cart", { ...BROWSER, cookie: `${VISIT_COOKIE}=${cookie!.value}` });
    expect(parseSetCookie(again, VISIT_COOKIE)).toBeNull();
    expect(await withFreshClient((db) => countRows(db, storefrontSessions))).toBe(1);
  });

  it("does not count prefetches, scripts, API calls, crawlers, form posts or the admin", async () => {
    await visit("/products", { ...BROWSER, "next-router-prefetch": "1" });
    await visit("/products", { ...BROWSER, "sec-purpose": "prefetch" });
    await visit("/products", { ...BROWSER, "sec-fetch-dest": "script" });
    await visit("/products", { ...BROWSER, rsc: "1", "sec-fetch-dest": "empty" });
    await visit("/api/cart", BROWSER);
    await visit("/products", { ...BROWSER, "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" });
    await visit("/order/HD-1001", BROWSER, "POST");
    await visit("/admin/sign-in", BROWSER);
    expect(await withFreshClient((db) => countRows(db, storefrontSessions))).toBe(0);
  });

  it("counts one row per session per day in the database itself", async () => {
    await writeTransaction((tx) => tx.insert(storefrontSessions).values({ sessionId: "a".repeat(32), day: "2026-12-01" }));
    await expect(writeTransaction((tx) => tx.insert(storefrontSessions).values({ sessionId: "a".repeat(32), day: "2026-12-01" }))).rejects.toThrow();
    await expect(writeTransaction((tx) => tx.insert(storefrontSessions).values({ sessionId: "a".repeat(32), day: "1 Dec" }))).rejects.toThrow();
  });
});
