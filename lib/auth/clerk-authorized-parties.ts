// The sites whose Clerk session tokens this shop accepts: its own origin, from APP_URL.
import type { Env } from "@/lib/env";

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Clerk stamps each session token with the origin of the page that asked for it (`azp`). One Clerk
 * application can serve several sites, so without this list a token minted for any of them would
 * open this admin. While APP_URL is a loopback address, the three spellings of it on its port are
 * one site, as for the same-origin checks on writes. Production without APP_URL has no origin to
 * compare with: a party no browser can be on keeps every Clerk session out rather than letting
 * Clerk skip the check (it does for an empty list).
 */
export function clerkAuthorizedParties(config: Env): string[] {
  if (!config.APP_URL) return ["https://app-url-not-set.invalid"];
  const own = new URL(config.APP_URL);
  if (!LOOPBACK_HOSTS.includes(own.hostname)) return [own.origin];
  return LOOPBACK_HOSTS.map((host) => `${own.protocol}//${host}${own.port ? `:${own.port}` : ""}`);
}
