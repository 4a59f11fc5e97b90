// The Origin check on state-changing requests: the shop's own pages may write, other sites may not.
import { env } from "@/lib/env";
import { AppError } from "@/lib/app-error";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The names of this machine. URL spells IPv6 hosts in brackets. */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** An origin in its one serialised spelling (lower-case host, default port dropped), or null. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The origins the shop's pages are served from: APP_URL's, scheme, host and port exactly — never
 * the Host or X-Forwarded-Host a request names, which a request can set to anything. When APP_URL
 * is itself a loopback address (`npm run dev`, the tests, the benchmarks), the other loopback names
 * with the same scheme and port are the same server on the same machine, so a developer may open
 * http://127.0.0.1:3000 as well as http://localhost:3000; a public APP_URL admits no loopback
 * origin at all. Without APP_URL (a production deploy that lacks it, where checkout and email are
 * closed anyway) the origin the request was addressed to is all there is to go by.
 */
function shopOrigins(requestUrl: string): Set<string> {
  const appOrigin = env().APP_URL ? originOf(env().APP_URL) : null;
  if (!appOrigin) {
    const addressed = originOf(requestUrl);
    return new Set(addressed ? [addressed] : []);
  }
  const app = new URL(appOrigin);
  if (!LOOPBACK_HOSTS.includes(app.hostname)) return new Set([appOrigin]);
  return new Set(
    LOOPBACK_HOSTS.map((host) => {
      const alias = new URL(appOrigin);
      alias.hostname = host;
      return alias.origin;
    }),
  );
}

/**
 * Browsers send `Origin` on every cross-site write (and `Sec-Fetch-Site`), and a page cannot forge
 * either, so a write whose Origin is not the shop's (another site, another scheme, another port,
 * or the opaque `null`) is refused. A request with neither header is not from a browser acting for
 * a visitor (curl, Stripe, our own server calling itself): it carries no visitor's ambient cookies
 * against their will, so it passes.
 */
export function isCrossSiteWrite(method: string, headers: Headers, url: string): boolean {
  if (!STATE_CHANGING.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (origin !== null) {
    const sent = origin === "null" ? null : originOf(origin);
    return sent === null || !shopOrigins(url).has(sent);
  }
  return headers.get("sec-fetch-site") === "cross-site";
}

export function assertSameOrigin(request: Request): void {
  if (isCrossSiteWrite(request.method, request.headers, request.url)) {
    throw new AppError("forbidden", "This request came from another site and was refused.");
  }
}
