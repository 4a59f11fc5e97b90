// Clerk's answer to a request it lets through, kept a pass-through so Next never proxies it.
import type { NextRequest } from "next/server";

const REWRITE_HEADER = "x-middleware-rewrite";
const NEXT_HEADER = "x-middleware-next";

/**
 * clerkMiddleware turns `NextResponse.next()` into a rewrite to the request's own URL, only to carry
 * its auth headers. Next builds that URL as http://localhost:<port>; started with
 * `--hostname 127.0.0.1` (or behind a proxy) its router sees a different origin, proxies the rewrite
 * over the network back into itself and answers 500 (vercel/next.js#94745). Request headers reach
 * the page just as well through a pass-through, so a rewrite to the same path becomes one again.
 * Rewrites elsewhere (Clerk's own not-found) are left alone.
 */
export function clerkPassThrough(request: NextRequest, response: Response): Response {
  const target = response.headers.get(REWRITE_HEADER);
  if (!target) return response;
  const own = new URL(request.url);
  let rewrite: URL;
  try {
    rewrite = new URL(target, own);
  } catch {
    return response;
  }
  if (rewrite.pathname !== own.pathname || rewrite.search !== own.search) return response;
  response.headers.delete(REWRITE_HEADER);
  response.headers.set(NEXT_HEADER, "1");
  return response;
}
