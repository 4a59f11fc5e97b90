// Private visit counting: a random first-party cookie that lasts until the shop's midnight, one row per visitor per day.
import { randomBytes } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { writeTransaction, type Tx } from "@/lib/db";
import { storefrontSessions } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { addDays, shopDayOf, startOfShopDay } from "@/lib/shop-calendar";

/**
 * The cookie holds the shop day and a random id and nothing else, and expires at the next London
 * midnight: it says "this browser was counted today" without linking one day's visit to the next.
 * No address, no user agent and no third party is involved.
 */
export const VISIT_COOKIE = "store_visit";

/**
 * `pending.<day>.<id>`: offered on a browser's first page of the day, nothing written yet.
 * `counted.<day>`: the visit's row exists. Anything else (another day, an older format) is no
 * cookie at all. Unsigned on purpose: a signature would not stop someone set on inflating the count,
 * who can fetch a fresh pending cookie before each request; it is ordinary crawlers and floods that
 * keep no cookies, and those cost nothing here.
 */
type VisitCookie = { state: "pending"; day: string; sessionId: string } | { state: "counted"; day: string };

function readVisitCookie(value: string | undefined): VisitCookie | null {
  const pending = /^pending\.(\d{4}-\d{2}-\d{2})\.([0-9a-f]{32})$/.exec(value ?? "");
  if (pending) return { state: "pending", day: pending[1]!, sessionId: pending[2]! };
  const counted = /^counted\.(\d{4}-\d{2}-\d{2})$/.exec(value ?? "");
  return counted ? { state: "counted", day: counted[1]! } : null;
}

const CRAWLER = /bot|crawl|spider|slurp|facebookexternalhit|embedly|preview/i;

/** Offered the visit cookie: a browser loading a storefront page, not a prefetch, a script or a crawler. */
export function isCountableVisit(request: NextRequest): boolean {
  if (request.method !== "GET") return false;
  const headers = request.headers;
  if (headers.has("next-router-prefetch") || headers.get("purpose") === "prefetch" || headers.get("sec-purpose")?.includes("prefetch")) return false;
  const destination = headers.get("sec-fetch-dest");
  const isDocument = destination ? destination === "document" : (headers.get("accept") ?? "").includes("text/html");
  return isDocument && !headers.has("rsc") && !CRAWLER.test(headers.get("user-agent") ?? "");
}

/** One row per session per day; a second visit the same day changes nothing. */
export async function recordStorefrontSession(tx: Tx, { sessionId, day }: { sessionId: string; day: string }): Promise<void> {
  await tx.insert(storefrontSessions).values({ sessionId, day }).onConflictDoNothing();
}

/**
 * A visit is counted when the cookie comes back, not when it is handed out: a crawler or script that
 * keeps no cookies (most of them, and every request of a flood) costs no write at all, and a browser
 * costs one row a day. The first page of the day offers a pending cookie; the browser's next request
 * to the storefront brings it back: another page, a client-side navigation, a cart call, or the
 * prefetch of a link in view, which Next sends as soon as a page has loaded (in production). That
 * request writes the row and turns the cookie into "counted", after which nothing is written until
 * the shop's midnight. Only a visitor who loads one page with scripts off and leaves goes uncounted;
 * one who orders is always counted, since ordering takes further requests.
 *
 * `target` is what the request is for: only a page is offered the cookie, any storefront request
 * may bring it back. Returns the write, for the caller to finish after the response (middleware's waitUntil) so no page
 * waits on it. Counting is never worth a broken page: a failed write is logged, not thrown, and costs
 * only that visitor's count for the day.
 */
export function countStorefrontVisit(
  request: NextRequest,
  response: NextResponse,
  target: "page" | "api",
  now: Date = new Date(),
): Promise<void> | null {
  const day = shopDayOf(now);
  const cookie = readVisitCookie(request.cookies.get(VISIT_COOKIE)?.value);
  const setCookie = (value: string) =>
    response.cookies.set(VISIT_COOKIE, value, {
      httpOnly: true,
      sameSite: "lax",
      secure: env().isProduction,
      path: "/",
      expires: startOfShopDay(addDays(day, 1)),
    });
  if (cookie?.day === day && cookie.state === "counted") return null;
  if (cookie?.day === day && cookie.state === "pending") {
    setCookie(`counted.${day}`);
    // Parallel requests carrying the same pending cookie meet on the (session, day) unique index.
    const sessionId = cookie.sessionId;
    return writeTransaction((tx) => recordStorefrontSession(tx, { sessionId, day })).catch((error: unknown) => {
      console.error("[analytics] could not count a storefront visit", error);
    });
  }
  if (target === "page" && isCountableVisit(request)) setCookie(`pending.${day}.${randomBytes(16).toString("hex")}`);
  return null;
}
