// The owner's "37 waiting": sign-ups per colourway not yet notified and not unsubscribed.
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { waitlistSignups } from "@/lib/db/schema";

/** One grouped read over the waiting index; colourways nobody waits for are absent (read them as 0). */
export async function waitingCounts(db: DbOrTx, variantIds: readonly number[]): Promise<Map<number, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({ variantId: waitlistSignups.variantId, waiting: sql<number>`count(*)` })
    .from(waitlistSignups)
    .where(and(inArray(waitlistSignups.variantId, [...new Set(variantIds)]), isNull(waitlistSignups.notifiedAt), isNull(waitlistSignups.unsubscribedAt)))
    .groupBy(waitlistSignups.variantId);
  return new Map(rows.map((row) => [row.variantId, Number(row.waiting)]));
}
