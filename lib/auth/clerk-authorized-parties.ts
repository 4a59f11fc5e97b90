// The sites whose Clerk session tokens this shop accepts: its own origin, from APP_URL.
import type { Env } from "@/lib/env";

/**
 * Clerk stamps each session token with the origin of the page that asked for it (`azp`). One Clerk
 * application can serve several sites, so without this list a token minted for any of them would
 * open this admin. Production without APP_URL has no origin to compare with: a party no browser can
 * be on keeps every Clerk session out rather than letting Clerk skip the check (it does for an empty list).
 */
export function clerkAuthorizedParties(config: Env): string[] {
  if (!config.APP_URL) return ["https://app-url-not-set.invalid"];
  return [new URL(config.APP_URL).origin];
}
