// The client's address, believed only as far as the configured proxy (TRUSTED_PROXY) vouches for it.
import { env, type TrustedProxy } from "@/lib/env";

/**
 * The one bucket for requests whose address nothing vouches for. Next.js does not hand route
 * handlers or server actions the socket address: `next start` copies it into X-Forwarded-For only
 * when the client sent no such header (`??=`), so a spoofed header and a real socket address look
 * the same. Without a trusted proxy every request therefore counts as this one client: throttles
 * still hold (they get stricter, not looser), and the audit log records no address a client chose.
 */
export const UNATTRIBUTED_CLIENT = "unattributed";

function forwardedChain(headers: Headers): string[] {
  return (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
}

/** Enough for any IPv6 text form with a zone; longer is not an address, so not a key we keep. */
function plausible(address: string | undefined): string {
  return address && address.length <= 64 && /^[0-9A-Za-z:.%_-]+$/.test(address) ? address : UNATTRIBUTED_CLIENT;
}

/**
 * - `vercel`: Vercel's edge overwrites `x-real-ip` and `x-forwarded-for` with the address it saw, so
 *   its word is the client's address.
 * - a hop count N: N proxies of ours each append the address they received from, so the N-th entry
 *   from the right is the last one written by something we trust; everything left of it is the
 *   client's own claim.
 * - `none`: see UNATTRIBUTED_CLIENT.
 */
export function clientAddress(headers: Headers, trustedProxy: TrustedProxy = env().trustedProxy): string {
  if (trustedProxy === "none") return UNATTRIBUTED_CLIENT;
  if (trustedProxy === "vercel") return plausible(headers.get("x-real-ip")?.trim() || forwardedChain(headers)[0]);
  const chain = forwardedChain(headers);
  return chain.length >= trustedProxy ? plausible(chain[chain.length - trustedProxy]) : UNATTRIBUTED_CLIENT;
}
