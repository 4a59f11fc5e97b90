// Private visit counting: a random first-party cookie that lasts until the shop's midnight, one row per visitor per day.
import { randomBytes } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { writeTransaction, type Tx } from "@/lib/db";
import { storefrontSessions } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { addDays, shopDayOf, startOfShopDay } from "@/lib/shop-calendar";

/**
 * The cookie holds a random id and nothing else, and expires at the next London midnight: it says
 * "this browser was counted today" without linking one day's visit to the next. No address, no
 * user agent and no third party is involved.
 */
export const VISIT_COOKIE = "store_visit";

const CRAWLER = /bot|crawl|spider|slurp|facebookexternalhit|embedly|preview/i;

/** Counted: a browser loading a storefront page, not a prefetch, a script or a crawler. */
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
 * Counts the visit if this browser has not been counted today: sets the cookie on `response` and
 * returns the write, for the caller to finish after the response (middleware's waitUntil) so no
 * page waits on it. Counting is never worth a broken page: a failed write is logged, not thrown,
 * and costs only that visitor's count for the day.
 */
export function countStorefrontVisit(request: NextRequest, response: NextResponse, now: Date = new Date()): Promise<void> | null {
  if (request.cookies.has(VISIT_COOKIE) || !isCountableVisit(request)) return null;
  const day = shopDayOf(now);
  const sessionId = randomBytes(16).toString("hex");
  response.cookies.set(VISIT_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().isProduction,
    path: "/",
    expires: startOfShopDay(addDays(day, 1)),
  });
  return writeTransaction((tx) => recordStorefrontSession(tx, { sessionId, day })).catch((error: unknown) => {
    console.error("[analytics] could not count a storefront visit", error);
  });
}
