// Which shop update governs each variant right now: the one read the cart, checkout and pages share.
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { schema, type DbOrTx } from "@/lib/db";
import { updateStateAt, type UpdateState } from "./update-state";

export type GoverningUpdate = {
  updateId: number;
  name: string;
  state: UpdateState;
  liveAt: string;
  previewAt: string | null;
  closeAt: string | null;
  holdMinutes: number;
  /** The update's limit for all its variants together, and this variant's own; null = none. */
  limitPerCustomer: number | null;
  variantLimitPerCustomer: number | null;
  admitPerMinute: number | null;
};

/**
 * The unfinished update (scheduled, preview or live) each variant belongs to. A variant is in at
 * most one unfinished update (lib/updates refuses a second when saving), so this is a map; a
 * variant in none is sold as usual. Closed and cancelled updates govern nothing: what is left of
 * them sells like any other stock.
 */
export async function governingUpdates(db: DbOrTx, variantIds: readonly number[], nowIso: string): Promise<Map<number, GoverningUpdate>> {
  const governing = new Map<number, GoverningUpdate>();
  if (variantIds.length === 0) return governing;
  const { shopUpdates: u, shopUpdateItems: i } = schema;
  const rows = await db
    .select({
      variantId: i.variantId,
      variantLimitPerCustomer: i.limitPerCustomer,
      updateId: u.id,
      name: u.name,
      previewAt: u.previewAt,
      liveAt: u.liveAt,
      closeAt: u.closeAt,
      closedAt: u.closedAt,
      cancelledAt: u.cancelledAt,
      holdMinutes: u.holdMinutes,
      limitPerCustomer: u.limitPerCustomer,
      admitPerMinute: u.admitPerMinute,
    })
    .from(i)
    .innerJoin(u, eq(u.id, i.updateId))
    .where(and(inArray(i.variantId, [...variantIds]), isNull(u.cancelledAt), isNull(u.closedAt), or(isNull(u.closeAt), gt(u.closeAt, nowIso))));
  for (const row of rows) {
    const state = updateStateAt(row, nowIso);
    if (state === "closed" || state === "cancelled") continue;
    governing.set(row.variantId, {
      updateId: row.updateId,
      name: row.name,
      state,
      liveAt: row.liveAt,
      previewAt: row.previewAt,
      closeAt: row.closeAt,
      holdMinutes: row.holdMinutes,
      limitPerCustomer: row.limitPerCustomer,
      variantLimitPerCustomer: row.variantLimitPerCustomer,
      admitPerMinute: row.admitPerMinute,
    });
  }
  return governing;
}
