// The Origin check on state-changing requests: the shop's own pages may write, other sites may not.
import { env } from "@/lib/env";
import { AppError } from "./errors";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The hosts this request may come from: APP_URL's, and the one the browser addressed (the URL Next
 * built from Host, the Host header, or the proxy's X-Forwarded-Host).
 */
function ownHosts(headers: Headers, url: string): Set<string> {
  const hosts = new Set<string>();
  const addressed = hostOf(url);
  if (addressed) hosts.add(addressed);
  const appHost = env().APP_URL ? hostOf(env().APP_URL) : null;
  if (appHost) hosts.add(appHost);
  for (const name of ["host", "x-forwarded-host"]) {
    const value = headers.get(name)?.split(",")[0]?.trim().toLowerCase();
    if (value) hosts.add(value);
  }
  return hosts;
}

/**
 * Browsers send `Origin` on every cross-site write (and `Sec-Fetch-Site`), and a page cannot forge
 * either, so a write whose Origin names another site (or the opaque `null`) is refused. A request
 * with neither header is not from a browser acting for a visitor (curl, Stripe, our own server
 * calling itself): it carries no visitor's ambient cookies against their will, so it passes.
 */
export function isCrossSiteWrite(method: string, headers: Headers, url: string): boolean {
  if (!STATE_CHANGING.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (origin !== null) {
    const host = origin === "null" ? null : hostOf(origin);
    return host === null || !ownHosts(headers, url).has(host);
  }
  return headers.get("sec-fetch-site") === "cross-site";
}

export function assertSameOrigin(request: Request): void {
  if (isCrossSiteWrite(request.method, request.headers, request.url)) {
    throw new AppError("forbidden", "This request came from another site and was refused.");
  }
}
