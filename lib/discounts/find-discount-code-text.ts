// The text of a discount code by id, for records that name the code a shopper used.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { discountCodes } from "@/lib/db/schema";

/** Null when no id was given or the code was deleted since. */
export async function findDiscountCodeText(db: DbOrTx, discountCodeId: number | null | undefined): Promise<string | null> {
  if (discountCodeId == null) return null;
  const [code] = await db.select({ code: discountCodes.code }).from(discountCodes).where(eq(discountCodes.id, discountCodeId));
  return code?.code ?? null;
}
