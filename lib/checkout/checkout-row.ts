// The checkout row as the checkouts table stores it, and how a payment session finds its checkout.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { checkouts } from "@/lib/db/schema";

export type CheckoutRow = typeof checkouts.$inferSelect;

/** Our checkout behind a payment session: its reference (our checkout id) first, the stored session id as a fallback. */
export async function findCheckoutForSession(db: DbOrTx, session: { checkoutId: string | null | undefined; sessionId: string }): Promise<CheckoutRow | null> {
  if (session.checkoutId) {
    const [byReference] = await db.select().from(checkouts).where(eq(checkouts.id, session.checkoutId));
    if (byReference) return byReference;
  }
  const [bySession] = await db.select().from(checkouts).where(eq(checkouts.paymentSessionId, session.sessionId));
  return bySession ?? null;
}
