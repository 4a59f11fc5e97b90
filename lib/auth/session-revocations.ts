// Ending owner sessions before they expire: signing out one session, or every session at once.
import { and, eq, gt, lt, or } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db";
import { adminSessionRevocations } from "@/lib/db/schema";
import type { SessionPayload } from "./session-token";

const iso = (ms: number) => new Date(ms).toISOString();

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

/** Signing out everywhere: every token issued until now stops working; later sign-ins are unaffected. */
export async function revokeAllOwnerSessions(tx: Tx, params: { now: number; sessionTtlMs: number }): Promise<void> {
  await forgetExpired(tx, params.now);
  await tx
    .insert(adminSessionRevocations)
    .values({ scope: "all", createdAt: iso(params.now), expiresAt: iso(params.now + params.sessionTtlMs) });
}

/** One indexed read per admin request: revoked by name, or issued before a sign-out-everywhere. */
export async function isOwnerSessionRevoked(db: DbOrTx, session: SessionPayload): Promise<boolean> {
  const [row] = await db
    .select({ id: adminSessionRevocations.id })
    .from(adminSessionRevocations)
    .where(
      or(
        eq(adminSessionRevocations.sessionNonce, session.nonce),
        and(eq(adminSessionRevocations.scope, "all"), gt(adminSessionRevocations.createdAt, iso(session.iat))),
      ),
    )
    .limit(1);
  return row !== undefined;
}
