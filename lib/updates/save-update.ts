// The shop updates' writer for the admin: create, patch, delete, close and cancel, each with its audit row and, after commit, the catalog tag expired (product pages carry an update's times).
import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { writeTransaction, type Tx } from "@/lib/db";
import { products, productVariants, shopUpdateItems, shopUpdates, sqlNow } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { adjustStock } from "@/lib/inventory/stock";
import { AppError } from "@/lib/app-error";
import { CACHE_TAGS, revalidateAfter } from "@/lib/cache/cache-tags";
import { nowIso } from "@/lib/time";
import { getUpdateOrThrow, type UpdateView } from "./list-updates";
import { timeOrderIssues, type UpdateInput, type UpdatePatchInput } from "./update-input";
import { updateStateAt } from "./update-state";
import { governingUpdates } from "./variant-updates";

type ItemInput = UpdateInput["items"][number];
type UpdateRow = typeof shopUpdates.$inferSelect;

const invalidField = (path: string, message: string) => new AppError("bad_request", message, [{ path, message }]);

async function getRowOrThrow(tx: Tx, id: number): Promise<UpdateRow> {
  const [row] = await tx.select().from(shopUpdates).where(eq(shopUpdates.id, id));
  if (!row) throw new AppError("not_found", "That shop update was not found.");
  return row;
}

/**
 * Every variant must exist and belong to no other unfinished update: the cart and checkout read a
 * variant's one governing update (variant-updates.ts), so a second would make its rules ambiguous.
 * Returns each variant's stock for the release.
 */
async function assertItemsFree(tx: Tx, items: ItemInput[], updateId: number | null, now: string): Promise<Map<number, number>> {
  const ids = items.map((item) => item.variantId);
  const found = await tx
    .select({ id: productVariants.id, stock: productVariants.stock, variantName: productVariants.name, productName: products.name })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.id, ids));
  const byId = new Map(found.map((row) => [row.id, row]));
  const unknown = items.findIndex((item) => !byId.has(item.variantId));
  if (unknown >= 0) throw invalidField(`items.${unknown}.variantId`, `There is no colourway ${items[unknown]!.variantId}.`);
  const governing = await governingUpdates(tx, ids, now);
  for (const [index, item] of items.entries()) {
    const other = governing.get(item.variantId);
    if (!other || other.updateId === updateId) continue;
    const variant = byId.get(item.variantId)!;
    const message = `${variant.productName} – ${variant.variantName} is already in the update “${other.name}”.`;
    throw new AppError("conflict", message, [{ path: `items.${index}.variantId`, message, variantId: item.variantId, updateId: other.updateId }]);
  }
  return new Map(found.map((row) => [row.id, row.stock]));
}

/**
 * "The quantity released for it": the variant's stock becomes exactly that number, moved through the
 * ledger (reason `update`, reference `update:<id>`) so the stock history says why it changed. Only
 * new items and changed quantities move stock, so saving the form again changes nothing.
 */
async function releaseStock(tx: Tx, updateId: number, items: ItemInput[], stocks: Map<number, number>, previous: Map<number, number | null>, actor: string): Promise<void> {
  for (const item of items) {
    if (item.quantity === null) continue;
    if (previous.has(item.variantId) && previous.get(item.variantId) === item.quantity) continue;
    const stock = stocks.get(item.variantId)!;
    if (stock === item.quantity) continue;
    await adjustStock(tx, { variantId: item.variantId, delta: item.quantity - stock, expectedStock: stock, reason: "update", reference: `update:${updateId}`, actor });
  }
}

function assertLiveInFuture(liveAt: string, now: string): void {
  if (liveAt <= now) throw invalidField("liveAt", "The live time has passed: pick a time to come.");
}

function assertTimesInOrder(times: Parameters<typeof timeOrderIssues>[0]): void {
  const [issue] = timeOrderIssues(times);
  if (issue) throw invalidField(issue.path, issue.message);
}

export async function createUpdate(input: UpdateInput, actor: string, now: string = nowIso()): Promise<UpdateView> {
  assertLiveInFuture(input.liveAt, now);
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    const stocks = await assertItemsFree(tx, input.items, null, now);
    const { items, ...fields } = input;
    const [row] = await tx.insert(shopUpdates).values(fields).returning({ id: shopUpdates.id });
    const id = row!.id;
    await tx.insert(shopUpdateItems).values(items.map((item) => ({ updateId: id, ...item })));
    await releaseStock(tx, id, items, stocks, new Map(), actor);
    await recordAudit(tx, { actor, action: "shop_update.created", entityType: "shop_update", entityId: id, data: { ...input } });
    return getUpdateOrThrow(tx, id, now);
  }));
}

/** Fields an update keeps once live: its times have passed and its units are on sale. */
const FROZEN_ONCE_LIVE = ["previewAt", "liveAt"] as const;

/**
 * A partial edit. Before live, anything may change (a new live time must still be to come). Once
 * live, the name, the close time, the limits, hold minutes and admission rate may change (they apply
 * to checkouts from then on); the preview and live times, the colourways and their released
 * quantities may not (409: close the update and start another). A closed or cancelled update is final.
 */
export async function patchUpdate(id: number, patch: UpdatePatchInput, actor: string, now: string = nowIso()): Promise<UpdateView> {
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    const existing = await getRowOrThrow(tx, id);
    const state = updateStateAt(existing, now);
    if (state === "closed" || state === "cancelled") throw new AppError("illegal_transition", `This update is ${state}: it can no longer be edited.`);
    const before = await tx.select().from(shopUpdateItems).where(eq(shopUpdateItems.updateId, id));
    const previous = new Map(before.map((item) => [item.variantId, item.quantity]));
    if (state === "live") {
      for (const field of FROZEN_ONCE_LIVE) {
        if (patch[field] !== undefined && patch[field] !== existing[field]) {
          throw new AppError("conflict", "The update is live: its preview and live times can no longer change.", [{ path: field, message: "Live already: close the update instead." }]);
        }
      }
      const isSameItems =
        patch.items === undefined ||
        (patch.items.length === before.length && patch.items.every((item) => previous.has(item.variantId) && previous.get(item.variantId) === item.quantity));
      if (!isSameItems) {
        throw new AppError("conflict", "The update is live: its colourways and released quantities can no longer change.", [{ path: "items", message: "Live already: change stock in Inventory, or close the update." }]);
      }
    }
    const merged = {
      previewAt: patch.previewAt !== undefined ? patch.previewAt : existing.previewAt,
      liveAt: patch.liveAt ?? existing.liveAt,
      closeAt: patch.closeAt !== undefined ? patch.closeAt : existing.closeAt,
    };
    assertTimesInOrder(merged);
    if (merged.liveAt !== existing.liveAt) assertLiveInFuture(merged.liveAt, now);
    const { items, ...fields } = patch;
    if (Object.keys(fields).length > 0) await tx.update(shopUpdates).set({ ...fields, updatedAt: sqlNow }).where(eq(shopUpdates.id, id));
    else await tx.update(shopUpdates).set({ updatedAt: sqlNow }).where(eq(shopUpdates.id, id));
    if (items) {
      const stocks = await assertItemsFree(tx, items, id, now);
      const kept = items.map((item) => item.variantId);
      await tx.delete(shopUpdateItems).where(and(eq(shopUpdateItems.updateId, id), notInArray(shopUpdateItems.variantId, kept)));
      for (const item of items) {
        await tx
          .insert(shopUpdateItems)
          .values({ updateId: id, ...item })
          .onConflictDoUpdate({ target: [shopUpdateItems.updateId, shopUpdateItems.variantId], set: { quantity: item.quantity, limitPerCustomer: item.limitPerCustomer } });
      }
      await releaseStock(tx, id, items, stocks, previous, actor);
    }
    await recordAudit(tx, {
      actor,
      action: "shop_update.updated",
      entityType: "shop_update",
      entityId: id,
      data: { before: { ...existing, items: before.map(({ variantId, quantity, limitPerCustomer }) => ({ variantId, quantity, limitPerCustomer })) }, after: { ...patch } },
    });
    return getUpdateOrThrow(tx, id, now);
  }));
}

/**
 * Only an update that never went live may be deleted: once shoppers could buy, its orders and
 * refusal counts are the record of what happened (409: close it instead). Released stock stays.
 */
export async function deleteUpdate(id: number, actor: string, now: string = nowIso()): Promise<void> {
  await revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    const existing = await getRowOrThrow(tx, id);
    const hasGoneLive = existing.cancelledAt === null && existing.liveAt <= now;
    if (hasGoneLive) throw new AppError("illegal_transition", "This update has gone live: it cannot be deleted. Close it instead.");
    await tx.delete(shopUpdates).where(eq(shopUpdates.id, id));
    await recordAudit(tx, { actor, action: "shop_update.deleted", entityType: "shop_update", entityId: id, data: { ...existing } });
  }));
}

/** Ends a live update now: its variants sell as ordinary stock from this moment. */
export async function closeUpdate(id: number, actor: string, now: string = nowIso()): Promise<UpdateView> {
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    const existing = await getRowOrThrow(tx, id);
    const state = updateStateAt(existing, now);
    if (state !== "live") {
      const message = state === "scheduled" || state === "preview" ? "This update is not live yet: cancel it instead." : `This update is already ${state}.`;
      throw new AppError("illegal_transition", message);
    }
    await tx.update(shopUpdates).set({ closedAt: now, updatedAt: sqlNow }).where(and(eq(shopUpdates.id, id), isNull(shopUpdates.closedAt), isNull(shopUpdates.cancelledAt)));
    await recordAudit(tx, { actor, action: "shop_update.closed", entityType: "shop_update", entityId: id, data: { name: existing.name, closedAt: now } });
    return getUpdateOrThrow(tx, id, now);
  }));
}

/** Calls off an update before it goes live; its variants are then ordinary stock, released units included. */
export async function cancelUpdate(id: number, actor: string, now: string = nowIso()): Promise<UpdateView> {
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    const existing = await getRowOrThrow(tx, id);
    const state = updateStateAt(existing, now);
    if (state !== "scheduled" && state !== "preview") {
      const message = state === "live" ? "This update is live: close it instead." : `This update is already ${state}.`;
      throw new AppError("illegal_transition", message);
    }
    await tx.update(shopUpdates).set({ cancelledAt: now, updatedAt: sqlNow }).where(and(eq(shopUpdates.id, id), isNull(shopUpdates.closedAt), isNull(shopUpdates.cancelledAt)));
    await recordAudit(tx, { actor, action: "shop_update.cancelled", entityType: "shop_update", entityId: id, data: { name: existing.name, cancelledAt: now } });
    return getUpdateOrThrow(tx, id, now);
  }));
}
