// What middleware.ts refuses before any page, admin route or server action runs: requests Next would answer with a 500.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/app-error";
import { isMalformedPath } from "./malformed-path";
import { toErrorResponse } from "./route";
import { isCrossSiteWrite } from "./same-origin";

/** Next's own limit for server action bodies (`serverActions.bodySizeLimit`, 1 MB by default). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

function plainRefusal(status: number, message: string): NextResponse {
  return new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * - A malformed path: 400 JSON under /api (the middleware's matcher takes an API path only when
 *   it holds a percent sign); a page visit is rewritten to a path that matches no
 *   route, so the shop's own not-found page answers with 404 (Next would decode the segment for
 *   the page's params and fail with a 500).
 * - A server action (a POST with `Next-Action`) from another site, or larger than Next accepts:
 *   Next throws for both, which answers 500; refuse with 403 / 413 instead (411 for a streamed body
 *   whose size is not declared).
 * Everything else: null, and the request goes on.
 */
export function refuseMalformedRequest(request: NextRequest): NextResponse | null {
  const { pathname } = request.nextUrl;
  if (isMalformedPath(pathname)) {
    if (pathname === "/api" || pathname.startsWith("/api/")) {
      return toErrorResponse(new AppError("bad_request", "The request path is not valid."), randomUUID());
    }
    return NextResponse.rewrite(new URL("/_malformed-path", request.url));
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    if (isCrossSiteWrite(request.method, request.headers, request.url)) {
      return plainRefusal(403, "This form was sent from another site and was refused.");
    }
    // A streamed (chunked) body has no declared size to check, and Next fails with a 500 when it runs
    // past the limit; a browser always declares its form's length, so only scripts are turned away.
    if (!request.headers.has("content-length") && request.headers.has("transfer-encoding")) {
      return plainRefusal(411, "Send this form with a Content-Length.");
    }
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (Number.isFinite(declared) && declared > SERVER_ACTION_BODY_LIMIT_BYTES) {
      return plainRefusal(413, "This form sent more data than the shop accepts.");
    }
  }
  return null;
}
