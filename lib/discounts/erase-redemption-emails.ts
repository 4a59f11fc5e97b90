// Erasure's part in lib/discounts: a redemption keeps its code, order and amount, and loses the buyer's email.
import { inArray, or, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { discountRedemptions } from "@/lib/db/schema";
import { erasedPlaceholderEmail } from "@/lib/email-address";

/**
 * The redemptions of the erased person's orders (and any recorded under their address, in any
 * letter case) keep what the code's use count rests on and get a placeholder email (the column is
 * NOT NULL), which nobody can type.
 */
export async function eraseRedemptionEmails(tx: Tx, params: { orderIds: readonly number[]; email: string }): Promise<void> {
  const redeemedByThem = sql`lower(${discountRedemptions.email}) = ${params.email.toLowerCase()}`;
  await tx
    .update(discountRedemptions)
    .set({ email: erasedPlaceholderEmail() })
    .where(params.orderIds.length > 0 ? or(inArray(discountRedemptions.orderId, [...params.orderIds]), redeemedByThem) : redeemedByThem);
}
