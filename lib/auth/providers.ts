// The two ways into the admin behind one small interface: the built-in owner login and Clerk.
import type { Env } from "@/lib/env";
import { currentClerkUserId } from "./clerk-identity";
import type { CookieReader, SignedInIdentity } from "./identity";
import { OWNER_SESSION_COOKIE, verifyOwnerSession } from "./owner-session";

export interface AdminAuthProvider {
  readonly kind: "owner" | "clerk";
  /** Who the request is signed in as, or null. Says nothing yet about being allowed in. */
  identify(cookie: CookieReader): Promise<SignedInIdentity | null>;
}

export function ownerProvider(config: Env, now: () => number = Date.now): AdminAuthProvider {
  return {
    kind: "owner",
    async identify(cookie) {
      const live = await verifyOwnerSession(config, cookie(OWNER_SESSION_COOKIE), now());
      if (!live) return null;
      const { id, email, name, role } = live.account;
      return { provider: "owner", accountId: id, email, name, role };
    },
  };
}

export const clerkProvider: AdminAuthProvider = {
  kind: "clerk",
  async identify(cookie) {
    const userId = await currentClerkUserId(cookie);
    return userId ? { provider: "clerk", userId } : null;
  },
};

/** Clerk when both of its keys are set, the owner login otherwise: the presence of Clerk's keys decides. */
export function adminAuthProvider(config: Env): AdminAuthProvider {
  return config.hasClerk ? clerkProvider : ownerProvider(config);
}
