// A product's colourways in unfinished shop updates, with the update's times: what the product page counts down from.
import { eq } from "drizzle-orm";
import { schema, type DbOrTx } from "@/lib/db";
import { nowIso } from "@/lib/time";
import { governingUpdates } from "./variant-updates";

export type VariantUpdateTimes = {
  updateId: number;
  name: string;
  previewAt: string | null;
  liveAt: string;
  closeAt: string | null;
  /** The update admits shoppers through its waiting room (admitPerMinute set): the page sends them there. */
  hasWaitingRoom: boolean;
};

/**
 * Times, not a state: the page may be served from Next's cache long after this read, so the browser
 * decides scheduled / preview / live / closed from these and its own clock (updateStateAt), and the
 * page flips on the minute without a reload. The update writers expire the catalog tag after every
 * edit, so a cached copy never outlives the times it was built from. Keyed by variant id; a variant
 * in no unfinished update is absent and sells as usual.
 */
export async function productUpdateTimes(db: DbOrTx, productId: number, now: string = nowIso()): Promise<Record<number, VariantUpdateTimes>> {
  const variants = await db.select({ id: schema.productVariants.id }).from(schema.productVariants).where(eq(schema.productVariants.productId, productId));
  const governing = await governingUpdates(
    db,
    variants.map((variant) => variant.id),
    now,
  );
  const times: Record<number, VariantUpdateTimes> = {};
  for (const [variantId, update] of governing) {
    times[variantId] = { updateId: update.updateId, name: update.name, previewAt: update.previewAt, liveAt: update.liveAt, closeAt: update.closeAt, hasWaitingRoom: update.admitPerMinute !== null };
  }
  return times;
}
