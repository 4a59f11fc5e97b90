// The client key a checkout stores so a per-customer limit also knows "the same customer" by address.
import { createHmac } from "node:crypto";
import { derivedSecret } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { UNATTRIBUTED_CLIENT } from "@/lib/http/client-address";

/**
 * A keyed hash (HMAC-SHA256 under a key derived from SESSION_SECRET) of the trusted client address,
 * never the address itself: the checkouts table holds no address a leak could reveal or a lookup
 * table could reverse. Null when nothing vouches for the address (every such request shares the one
 * UNATTRIBUTED_CLIENT bucket, which would make all shoppers one customer) or there is no secret to
 * key it with; the limit then knows the customer by email and cart alone.
 */
export function customerClientKey(address: string, secret: string | undefined = env().SESSION_SECRET): string | null {
  if (address === UNATTRIBUTED_CLIENT || !secret) return null;
  return createHmac("sha256", derivedSecret(secret, "customer-client-key")).update(address).digest("base64url");
}
