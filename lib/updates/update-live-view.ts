// The owner's live view of one shop update: sales and refusals per minute, sold-out colourways, units held now.
import { and, asc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orderItems, orders, SHOP_UPDATE_REFUSALS, shopUpdateItems, shopUpdateRefusals, waitingRoomEntries, type ShopUpdateRefusal } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";
import { getUpdateOrThrow, type UpdateView } from "./list-updates";
import { flushAdmissions } from "./record-admission";
import { flushRefusals } from "./record-refusal";

export type RefusalCounts = Record<ShopUpdateRefusal, number>;

export type UpdateLiveView = {
  update: UpdateView;
  /** Units in paid orders per minute since the live minute (`YYYY-MM-DDTHH:MM` UTC), minutes without sales left out. */
  soldPerMinute: { minute: string; units: number }[];
  refusalsPerMinute: ({ minute: string } & RefusalCounts)[];
  refusals: RefusalCounts;
  soldOut: { variantId: number; productName: string; variantName: string }[];
  /** The waiting room, when the update has one: everyone who joined, those still waiting (not yet let in), those let in. */
  room: { joined: number; waiting: number; admitted: number } | null;
  generatedAt: string;
};

const zeroRefusals = (): RefusalCounts => Object.fromEntries(SHOP_UPDATE_REFUSALS.map((reason) => [reason, 0])) as RefusalCounts;

/**
 * Polled every few seconds by the owner during an update, so its cost is fixed whatever the traffic:
 * four statements (the update, its items with sold and held units, sales grouped per minute, the
 * refusal counters) and a fifth when the update has a waiting room (its entries counted by update), each
 * reading indexes (order_items by variant, refusals by update). Refusals are already one counter row per
 * minute and reason (lib/updates' writer upserts them), never a row per request; this process's refusals
 * and admissions of the last second are written first, so the view is current.
 */
export async function getUpdateLiveView(db: DbOrTx, id: number, now: string = nowIso()): Promise<UpdateLiveView> {
  await Promise.all([flushRefusals(), flushAdmissions()]);
  const update = await getUpdateOrThrow(db, id, now);
  const minute = sql<string>`substr(${orders.paidAt}, 1, 16)`;
  const [sold, refusalRows, room] = await Promise.all([
    db
      .select({ minute, units: sql<number>`sum(${orderItems.quantity})`.mapWith(Number) })
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .where(
        and(
          inArray(orderItems.variantId, db.select({ variantId: shopUpdateItems.variantId }).from(shopUpdateItems).where(eq(shopUpdateItems.updateId, id))),
          isNotNull(orders.paidAt),
          gte(orders.paidAt, update.liveAt),
        ),
      )
      .groupBy(minute)
      .orderBy(asc(minute)),
    db
      .select({ minute: shopUpdateRefusals.minute, reason: shopUpdateRefusals.reason, count: shopUpdateRefusals.count })
      .from(shopUpdateRefusals)
      .where(eq(shopUpdateRefusals.updateId, id))
      .orderBy(asc(shopUpdateRefusals.minute)),
    update.admitPerMinute === null
      ? null
      : db
          .select({ joined: sql<number>`count(*)`.mapWith(Number), admitted: sql<number>`count(${waitingRoomEntries.admittedAt})`.mapWith(Number) })
          .from(waitingRoomEntries)
          .where(eq(waitingRoomEntries.updateId, id))
          .then(([row]) => ({ joined: row?.joined ?? 0, waiting: (row?.joined ?? 0) - (row?.admitted ?? 0), admitted: row?.admitted ?? 0 })),
  ]);
  const perMinute = new Map<string, { minute: string } & RefusalCounts>();
  const refusals = zeroRefusals();
  for (const row of refusalRows) {
    const bucket = perMinute.get(row.minute) ?? { minute: row.minute, ...zeroRefusals() };
    bucket[row.reason] += row.count;
    refusals[row.reason] += row.count;
    perMinute.set(row.minute, bucket);
  }
  return {
    update,
    soldPerMinute: sold,
    refusalsPerMinute: [...perMinute.values()],
    refusals,
    room,
    soldOut: update.items.filter((item) => item.stock <= 0).map(({ variantId, productName, variantName }) => ({ variantId, productName, variantName })),
    generatedAt: now,
  };
}
