// The admin's one access rule, shared by middleware.ts and requireAdmin(): who gets in, and why not.
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import { adminIdentityOf, type AdminIdentity, type SignedInIdentity } from "./identity";

export type AccessDecision =
  | { allowed: true; admin: AdminIdentity }
  | { allowed: false; reason: "anonymous" }
  | { allowed: false; reason: "not_allowed"; userId: string }
  | { allowed: false; reason: "closed" };

/**
 * Fail closed: a deploy missing its admin configuration (no ADMIN_USER_IDS with Clerk; no
 * SESSION_SECRET without it) lets nobody in, whoever they are signed in as. With
 * Clerk, being signed in is not enough: the user id must be on ADMIN_USER_IDS (owners) or STAFF_USER_IDS
 * (staff), because anyone on the internet can create an account in a Clerk application that
 * allows sign-ups. An id on both lists is an owner.
 */
export function decideAdminAccess(config: Env, identity: SignedInIdentity | null): AccessDecision {
  if (config.closedParts.admin) return { allowed: false, reason: "closed" };
  if (!identity) return { allowed: false, reason: "anonymous" };
  if (identity.provider === "clerk") {
    if (config.adminUserIds.includes(identity.userId)) return { allowed: true, admin: adminIdentityOf(identity, "owner") };
    if (config.staffUserIds.includes(identity.userId)) return { allowed: true, admin: adminIdentityOf(identity, "staff") };
    return { allowed: false, reason: "not_allowed", userId: identity.userId };
  }
  return { allowed: true, admin: adminIdentityOf(identity, identity.role) };
}

/** The loud line a closed admin prints at boot and on every refused request, naming the fix. */
export function adminClosedLine(config: Env): string {
  if (config.hasClerk && config.adminUserIds.length === 0) {
    return "[store] ADMIN CLOSED: Clerk is configured but ADMIN_USER_IDS is empty, so nobody can enter /admin. Set ADMIN_USER_IDS to the comma-separated Clerk user ids of the shop's admins.";
  }
  return "[store] ADMIN CLOSED: SESSION_SECRET (32+ characters) must be set for the built-in login, and ADMIN_PASSWORD (12+ characters in production) until the first owner account exists; or configure Clerk with ADMIN_USER_IDS.";
}

/** Logs what a refusal needs logged: a closed admin is an operator's problem and must be loud. */
export function reportRefusal(config: Env, decision: AccessDecision): void {
  if (!decision.allowed && decision.reason === "closed") console.error(adminClosedLine(config));
}

/** The JSON-API form of a refusal. Messages are safe to show: they name no secret and no setting. */
export function refusalError(decision: Exclude<AccessDecision, { allowed: true }>): AppError {
  switch (decision.reason) {
    case "anonymous":
      return new AppError("unauthorized", "Sign in to the admin first.");
    case "not_allowed":
      return new AppError("forbidden", "This account is not allowed into the store's admin.");
    case "closed":
      return new AppError("unavailable", "The admin is closed until the server's admin sign-in is configured.");
  }
}
