// Who is asking: what a sign-in provider recognises, and what an admin looks like once let in.
import type { AdminRole } from "@/lib/db/schema";

export type { AdminRole };

/** A signed-in person as a provider sees them, before the admin allowlist is applied. */
export type SignedInIdentity = { provider: "owner" } | { provider: "clerk"; userId: string };

/** Someone allowed into the admin. `actor` is what order events and the audit log record. */
export type AdminIdentity = {
  provider: "owner" | "clerk";
  userId: string;
  /** Owners may do everything; staff pack, count and read orders (lib/auth/roles.ts has the rule). */
  role: AdminRole;
  /** How the shell names them. */
  label: string;
  actor: string;
};

/** Reads one cookie of the current request. */
export type CookieReader = (name: string) => string | undefined;

export function adminIdentityOf(identity: SignedInIdentity, role: AdminRole): AdminIdentity {
  if (identity.provider === "owner") {
    return { provider: "owner", userId: "owner", role, label: "Store owner", actor: "admin:owner" };
  }
  return { provider: "clerk", userId: identity.userId, role, label: identity.userId, actor: `admin:${identity.userId}` };
}
