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
