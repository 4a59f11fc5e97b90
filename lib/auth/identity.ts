// Who is asking: what a sign-in provider recognises, and what an admin looks like once let in.
import type { AdminRole } from "@/lib/db/schema";

export type { AdminRole };

/** A signed-in person as a provider sees them, before the admin allowlist is applied. */
export type SignedInIdentity =
  | { provider: "owner"; accountId: string; email: string; name: string; role: AdminRole }
  | { provider: "clerk"; userId: string };

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

/** A built-in account's role is its own; a Clerk user's comes from the allowlists (lib/auth/access.ts). */
export function adminIdentityOf(identity: SignedInIdentity, role: AdminRole): AdminIdentity {
  if (identity.provider === "owner") {
    return {
      provider: "owner",
      userId: identity.accountId,
      role: identity.role,
      label: identity.name,
      actor: `admin:${identity.accountId} (${identity.email})`,
    };
  }
  return { provider: "clerk", userId: identity.userId, role, label: identity.userId, actor: `admin:${identity.userId}` };
}
