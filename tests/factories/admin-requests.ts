// Test helper: requests to admin pages and handlers, signed in as the owner or not.
import { NextRequest } from "next/server";
import { issueOwnerSession, OWNER_SESSION_COOKIE, ownerSessionKeys } from "@/lib/auth/owner-session";
import type { SessionAccount } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { TEST_OWNER_ACCOUNT } from "./admin-env";

/**
 * A genuine session token for the test owner account (tests/setup/database.ts makes it in every
 * test file's database) or another account, for the current env (optionally issued at another time).
 */
export function ownerSessionToken(issuedAt = Date.now(), account: SessionAccount = TEST_OWNER_ACCOUNT): string {
  const keys = ownerSessionKeys(env());
  if (!keys) throw new Error("ownerSessionToken: the owner login is not configured in this test");
  return issueOwnerSession(keys, account, issuedAt).token;
}

export function ownerCookie(token = ownerSessionToken()): string {
  return `${OWNER_SESSION_COOKIE}=${token}`;
}

type RequestOptions = { method?: string; cookie?: string; body?: unknown; headers?: Record<string, string> };

export function adminRequest(pathAndQuery: string, { method = "GET", cookie, body, headers = {} }: RequestOptions = {}): NextRequest {
  const allHeaders = new Headers(headers);
  if (cookie) allHeaders.set("cookie", cookie);
  if (body !== undefined) allHeaders.set("content-type", "application/json");
  return new NextRequest(`http://localhost${pathAndQuery}`, {
    method,
    headers: allHeaders,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The attributes of one Set-Cookie header, lower-cased keys (`httponly`, `samesite`, `expires`, …). */
export function parseSetCookie(response: Response, name: string): { value: string; attributes: Record<string, string> } | null {
  const header = response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
  if (!header) return null;
  const [pair, ...attributes] = header.split(";").map((part) => part.trim());
  return {
    value: decodeURIComponent(pair!.slice(name.length + 1)),
    attributes: Object.fromEntries(
      attributes.map((attribute) => {
        const [key, ...rest] = attribute.split("=");
        return [key!.toLowerCase(), rest.join("=") || "true"];
      }),
    ),
  };
}
