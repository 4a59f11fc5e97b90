// Leaving a colourway's waitlist through the signed link: no login, idempotent, and nothing said about other sign-ups.
import { and, eq, isNull } from "drizzle-orm";
import { AppError } from "@/lib/app-error";
import { db, writeTransaction } from "@/lib/db";
import { products, productVariants, waitlistSignups } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";
import { signupIdOfToken } from "@/lib/email/waitlist-unsubscribe-token";

export type UnsubscribeTarget = { colourway: string | null; isUnsubscribed: boolean };

function signupIdOrThrow(token: string): number {
  const signupId = signupIdOfToken(token);
  if (signupId === null) throw new AppError("not_found", "This unsubscribe link is not valid. Copy the whole link from the email.");
  return signupId;
}

/**
 * What the confirmation page shows. A sign-up that is gone (erased, or replaced by a fresh one)
 * counts as unsubscribed: that link can never bring another email.
 */
export async function readUnsubscribeTarget(token: string): Promise<UnsubscribeTarget> {
  const signupId = signupIdOrThrow(token);
  const reader = await db();
  const [row] = await reader
    .select({ productName: products.name, variantName: productVariants.name, unsubscribedAt: waitlistSignups.unsubscribedAt })
    .from(waitlistSignups)
    .innerJoin(productVariants, eq(productVariants.id, waitlistSignups.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(waitlistSignups.id, signupId));
  if (!row) return { colourway: null, isUnsubscribed: true };
  return { colourway: `${row.productName} – ${row.variantName}`, isUnsubscribed: row.unsubscribedAt !== null };
}

/** Marks the sign-up unsubscribed once; a second click (or a mail client's retry) changes nothing. */
export async function unsubscribeFromWaitlist(token: string, now: string = nowIso()): Promise<{ unsubscribed: true }> {
  const signupId = signupIdOrThrow(token);
  await writeTransaction((tx) =>
    tx
      .update(waitlistSignups)
      .set({ unsubscribedAt: now })
      .where(and(eq(waitlistSignups.id, signupId), isNull(waitlistSignups.unsubscribedAt))),
  );
  return { unsubscribed: true };
}
