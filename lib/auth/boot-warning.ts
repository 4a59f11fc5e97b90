// The one loud line a server prints at boot when its configuration leaves a part of the shop closed.
import { describeMissingSecrets, env, type Env } from "@/lib/env";
import { adminClosedLine } from "./access";

export function bootConfigurationWarning(config: Env = env()): string | null {
  const parts = [describeMissingSecrets(config)];
  // Clerk without an allowlist is the easy one to miss: sign-in works, and then nobody is let in.
  if (config.hasClerk && config.adminUserIds.length === 0) parts.push(adminClosedLine(config));
  if (config.uploadStorageProblem) parts.push(`[store] PHOTO UPLOADS CLOSED: ${config.uploadStorageProblem}.`);
  const line = parts.filter((part): part is string => part !== null).join(" ");
  return line === "" ? null : line;
}

/**
 * What ADMIN_PASSWORD does on this server, which only the database can tell: before the first
 * account it is the way to make the owner (or, unset, the admin is closed); afterwards it opens
 * nothing, and an operator who still has it set should know that changing it changes nothing.
 */
export async function bootAccountsLine(config: Env = env()): Promise<string | null> {
  if (config.hasClerk || config.closedParts.admin) return null;
  const { db } = await import("@/lib/db");
  const { hasAnyAccount } = await import("./admin-accounts");
  const hasAccounts = await hasAnyAccount(await db());
  if (!hasAccounts) return config.ADMIN_PASSWORD ? null : adminClosedLine(config);
  if (!config.ADMIN_PASSWORD) return null;
  return "[store] ADMIN_PASSWORD opens nothing any more: admin accounts exist, so people sign in with their email and own password (change it under /admin/account; add staff under /admin/staff). It can be removed from the environment.";
}
