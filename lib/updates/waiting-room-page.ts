// What the waiting room page shows about its update: the name, the live minute, and where to shop when it's your turn.
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { products, productVariants, shopUpdateItems } from "@/lib/db/schema";
import { updateStateAt, type UpdateState } from "./update-state";
import { readRoomUpdate } from "./waiting-room";

export type WaitingRoomPage = {
  updateId: number;
  name: string;
  liveAt: string;
  state: UpdateState;
  admitPerMinute: number | null;
  holdMinutes: number;
  /** The update's products, each once, by name. */
  products: { name: string; slug: string }[];
};

/** Two reads, whoever asks: the update and its products (the shopper's place comes from their token, not from here). */
export async function getWaitingRoomPage(db: DbOrTx, updateId: number, nowIso: string): Promise<WaitingRoomPage | null> {
  const [update, items] = await Promise.all([
    readRoomUpdate(db, updateId),
    db
      .select({ name: products.name, slug: products.slug })
      .from(shopUpdateItems)
      .innerJoin(productVariants, eq(productVariants.id, shopUpdateItems.variantId))
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(and(eq(shopUpdateItems.updateId, updateId), eq(products.status, "active")))
      .orderBy(asc(products.name)),
  ]);
  if (!update) return null;
  const bySlug = new Map(items.map((item) => [item.slug, item]));
  return {
    updateId,
    name: update.name,
    liveAt: update.liveAt,
    state: updateStateAt(update, nowIso),
    admitPerMinute: update.admitPerMinute,
    holdMinutes: update.holdMinutes,
    products: [...bySlug.values()],
  };
}
