// Whether a quoted shipping rate still exists, for records that keep a link to it only while it does.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { shippingRates } from "@/lib/db/schema";

/** The rate's id when the row still exists; null when it was deleted since the quote (or none was given). */
export async function findShippingRateId(db: DbOrTx, rateId: number | null | undefined): Promise<number | null> {
  if (rateId == null) return null;
  const [rate] = await db.select({ id: shippingRates.id }).from(shippingRates).where(eq(shippingRates.id, rateId));
  return rate?.id ?? null;
}
