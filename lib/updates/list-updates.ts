// The owner's read of shop updates: each with its state now and its colourways' released, sold and held units.
import { asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { checkouts, orderItems, orders, products, productVariants, shopUpdateItems, shopUpdates, stockReservations } from "@/lib/db/schema";
import { isLiveCheckout } from "@/lib/live-checkouts";
import { AppError } from "@/lib/app-error";
import { nowIso } from "@/lib/time";
import { updateStateAt, type UpdateState } from "./update-state";

export type UpdateItemView = {
  variantId: number;
  variantName: string;
  sku: string;
  productId: number;
  productName: string;
  productSlug: string;
  /** Units released for the update (null: the stock as it was). */
  quantity: number | null;
  limitPerCustomer: number | null;
  /** The variant's stock now: what is left to sell after paid orders. */
  stock: number;
  /** Units in orders paid since the update went live. */
  sold: number;
  /** Units held now by shoppers' open checkouts. */
  held: number;
};

export type UpdateView = {
  id: number;
  name: string;
  previewAt: string | null;
  liveAt: string;
  closeAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  state: UpdateState;
  limitPerCustomer: number | null;
  holdMinutes: number;
  admitPerMinute: number | null;
  createdAt: string;
  updatedAt: string;
  items: UpdateItemView[];
  totals: { released: number; sold: number; held: number };
};

type UpdateRow = typeof shopUpdates.$inferSelect;

/**
 * Sold counts order lines of orders paid at or after the live minute: a unit of the same colourway
 * sold before the update belongs to the stock before it. Held counts live checkouts only
 * (lib/live-checkouts.ts), the same definition the checkout uses for what it may sell.
 */
function itemsQuery(db: DbOrTx, updateIds: number[], now: string) {
  const sold = sql<number>`coalesce((
    select sum(${orderItems.quantity}) from ${orderItems}
    inner join ${orders} on ${orders.id} = ${orderItems.orderId}
    where ${orderItems.variantId} = ${shopUpdateItems.variantId}
      and ${isNotNull(orders.paidAt)} and ${orders.paidAt} >= ${shopUpdates.liveAt}
  ), 0)`;
  const held = sql<number>`coalesce((
    select sum(${stockReservations.quantity}) from ${stockReservations}
    inner join ${checkouts} on ${checkouts.id} = ${stockReservations.checkoutId}
    where ${stockReservations.variantId} = ${shopUpdateItems.variantId} and ${isLiveCheckout(now)}
  ), 0)`;
  return db
    .select({
      updateId: shopUpdateItems.updateId,
      variantId: shopUpdateItems.variantId,
      variantName: productVariants.name,
      sku: productVariants.sku,
      productId: products.id,
      productName: products.name,
      productSlug: products.slug,
      quantity: shopUpdateItems.quantity,
      limitPerCustomer: shopUpdateItems.limitPerCustomer,
      stock: productVariants.stock,
      sold: sold.mapWith(Number),
      held: held.mapWith(Number),
    })
    .from(shopUpdateItems)
    .innerJoin(shopUpdates, eq(shopUpdates.id, shopUpdateItems.updateId))
    .innerJoin(productVariants, eq(productVariants.id, shopUpdateItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(shopUpdateItems.updateId, updateIds))
    .orderBy(asc(products.name), asc(productVariants.position), asc(productVariants.id));
}

function toView(row: UpdateRow, items: UpdateItemView[], now: string): UpdateView {
  return {
    id: row.id,
    name: row.name,
    previewAt: row.previewAt,
    liveAt: row.liveAt,
    closeAt: row.closeAt,
    closedAt: row.closedAt,
    cancelledAt: row.cancelledAt,
    state: updateStateAt(row, now),
    limitPerCustomer: row.limitPerCustomer,
    holdMinutes: row.holdMinutes,
    admitPerMinute: row.admitPerMinute,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    items,
    totals: {
      released: items.reduce((sum, item) => sum + (item.quantity ?? 0), 0),
      sold: items.reduce((sum, item) => sum + item.sold, 0),
      held: items.reduce((sum, item) => sum + item.held, 0),
    },
  };
}

async function withItems(db: DbOrTx, rows: UpdateRow[], now: string): Promise<UpdateView[]> {
  if (rows.length === 0) return [];
  const items = await itemsQuery(db, rows.map((row) => row.id), now);
  const byUpdate = new Map<number, UpdateItemView[]>();
  for (const { updateId, ...item } of items) byUpdate.set(updateId, [...(byUpdate.get(updateId) ?? []), item]);
  return rows.map((row) => toView(row, byUpdate.get(row.id) ?? [], now));
}

/** Every update, the next to go live first, then the past ones newest first. Two statements. */
export async function listUpdates(db: DbOrTx, now: string = nowIso()): Promise<UpdateView[]> {
  const rows = await db
    .select()
    .from(shopUpdates)
    .orderBy(sql`case when ${shopUpdates.liveAt} >= ${now} then 0 else 1 end`, sql`case when ${shopUpdates.liveAt} >= ${now} then ${shopUpdates.liveAt} end`, desc(shopUpdates.liveAt), desc(shopUpdates.id));
  return withItems(db, rows, now);
}

export async function getUpdate(db: DbOrTx, id: number, now: string = nowIso()): Promise<UpdateView | null> {
  const rows = await db.select().from(shopUpdates).where(eq(shopUpdates.id, id));
  const [view] = await withItems(db, rows, now);
  return view ?? null;
}

export async function getUpdateOrThrow(db: DbOrTx, id: number, now: string = nowIso()): Promise<UpdateView> {
  const view = await getUpdate(db, id, now);
  if (!view) throw new AppError("not_found", "That shop update was not found.");
  return view;
}
