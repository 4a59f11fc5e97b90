// One-time set-password links (admin_account_tokens): made when the owner adds someone, spent once.
import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { adminAccountTokens } from "@/lib/db/schema";

/** Three days: time for a Saturday helper to open it on Monday, short enough that a lost link dies. */
export const SET_PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;

export const SET_PASSWORD_PATH = "/admin/set-password";

/** Only this is stored: a copy of the database holds no working link. */
export const linkTokenHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A new link for the account; any earlier unused link of it stops working. */
export async function createSetPasswordLink(tx: Tx, accountId: string, now: Date): Promise<{ token: string; expiresAt: string }> {
  await tx.delete(adminAccountTokens).where(and(eq(adminAccountTokens.accountId, accountId), eq(adminAccountTokens.purpose, "set_password")));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SET_PASSWORD_LINK_TTL_MS).toISOString();
  await tx.insert(adminAccountTokens).values({ accountId, purpose: "set_password", tokenHash: linkTokenHash(token), expiresAt, createdAt: now.toISOString() });
  return { token, expiresAt };
}

export function setPasswordUrl(appUrl: string, token: string): string {
  return `${appUrl}${SET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`;
}

export async function linkByToken(tx: Tx, token: string) {
  const [row] = await tx.select().from(adminAccountTokens).where(eq(adminAccountTokens.tokenHash, linkTokenHash(token))).limit(1);
  return row ?? null;
}

export async function markLinkUsed(tx: Tx, id: number, usedAt: string): Promise<void> {
  await tx.update(adminAccountTokens).set({ usedAt }).where(eq(adminAccountTokens.id, id));
}
