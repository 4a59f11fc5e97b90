// The admin's discount list: every code with its uses, limit, window and whether it applies now.
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { discountCodes } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

export type DiscountState = "active" | "inactive" | "scheduled" | "expired" | "used_up";

export type DiscountSummary = typeof discountCodes.$inferSelect & { state: DiscountState };

export function discountState(row: typeof discountCodes.$inferSelect, now: string): DiscountState {
  if (!row.isActive) return "inactive";
  if (row.startsAt && row.startsAt > now) return "scheduled";
  if (row.endsAt && row.endsAt <= now) return "expired";
  if (row.usageLimit !== null && row.uses >= row.usageLimit) return "used_up";
  return "active";
}

export async function listDiscounts(db: DbOrTx, now = nowIso()): Promise<DiscountSummary[]> {
  const rows = await db.select().from(discountCodes).orderBy(desc(discountCodes.createdAt), desc(discountCodes.id));
  return rows.map((row) => ({ ...row, state: discountState(row, now) }));
}

export async function getDiscount(db: DbOrTx, id: number) {
  const [row] = await db.select().from(discountCodes).where(eq(discountCodes.id, id));
  return row ?? null;
}
