// GDPR erasure of one person's notify-me sign-ups: the rows go, since a sign-up is nothing but its address.
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { waitlistSignups } from "@/lib/db/schema";

/**
 * Deleted rather than blanked: a sign-up without its address tells the owner nothing (the waiting
 * counts drop by theirs, as they should) and its outbox email is erased by lib/email with the
 * person's other mail. Addresses are stored lower-case, so one comparison finds them all.
 */
export async function eraseWaitlistSignups(tx: Tx, params: { email: string }): Promise<number> {
  const deleted = await tx.delete(waitlistSignups).where(eq(waitlistSignups.email, params.email.trim().toLowerCase())).returning({ id: waitlistSignups.id });
  return deleted.length;
}
