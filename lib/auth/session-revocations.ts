// Ending admin sessions before they expire: signing out one session, or every session of an account.
import { and, eq, gt, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { adminSessionRevocations } from "@/lib/db/schema";
import type { SessionPayload } from "./session-token";

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * "Signed out everywhere" markers of one account are `session` rows whose nonce starts with this
 * prefix (a real session nonce is 12 base64url characters and never contains ':'), so the table
 * needs no account column: the nonce's unique index finds them by range.
 */
const everywherePrefix = (accountId: string) => `everywhere:${accountId}:`;
/** The first string after every string with the prefix (':' + 1 is ';'). */
const everywhereEnd = (accountId: string) => `everywhere:${accountId};`;

/** Rows whose every possible victim has expired refuse nothing any more; each write sweeps them. */
async function forgetExpired(tx: Tx, now: number): Promise<void> {
  await tx.delete(adminSessionRevocations).where(lt(adminSessionRevocations.expiresAt, iso(now)));
}

/** Signing out: this token (named by its nonce) stops working everywhere, not only in this browser. */
export async function revokeOwnerSession(tx: Tx, session: SessionPayload, now: number): Promise<void> {
  await forgetExpired(tx, now);
  await tx
    .insert(adminSessionRevocations)
    .values({ scope: "session", sessionNonce: session.nonce, createdAt: iso(now), expiresAt: iso(session.exp) })
    .onConflictDoNothing();
}

/** Signing out everywhere: every token of this account issued until now stops working; later sign-ins are unaffected. */
export async function revokeAllOwnerSessions(tx: Tx, params: { accountId: string; now: number; sessionTtlMs: number }): Promise<void> {
  await forgetExpired(tx, params.now);
  await tx.insert(adminSessionRevocations).values({
    scope: "session",
    sessionNonce: `${everywherePrefix(params.accountId)}${iso(params.now)}:${randomBytes(6).toString("base64url")}`,
    createdAt: iso(params.now),
    expiresAt: iso(params.now + params.sessionTtlMs),
  });
}

/**
 * The condition "this session was ended": revoked by name, issued before its account signed out
 * everywhere, or before a shop-wide `all` row (kept for rows written before accounts existed).
 */
export function sessionRevokedCondition(session: SessionPayload): SQL {
  const issued = iso(session.iat);
  const matches = or(
    eq(adminSessionRevocations.sessionNonce, session.nonce),
    and(eq(adminSessionRevocations.scope, "all"), gt(adminSessionRevocations.createdAt, issued)),
    and(
      gte(adminSessionRevocations.sessionNonce, everywherePrefix(session.sub)),
      lt(adminSessionRevocations.sessionNonce, everywhereEnd(session.sub)),
      gt(adminSessionRevocations.createdAt, issued),
    ),
  );
  return sql`exists (select 1 from ${adminSessionRevocations} where ${matches})`;
}
