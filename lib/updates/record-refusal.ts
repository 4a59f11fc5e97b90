// Counts a shopper's refusal (not live, limit reached, sold out) against a shop update, for the owner's live view.
import { sql } from "drizzle-orm";
import { AppError } from "@/lib/app-error";
import { statementBuilder, toStatement, writeBatch } from "@/lib/db";
import { shopUpdateRefusals, type ShopUpdateRefusal } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

/**
 * One upsert of the (update, UTC minute, reason) counter, run after the refusal and outside any write
 * it aborted. A counter that cannot be written (a busy database at the minute of the drop) is logged
 * and dropped: the shopper's answer is the refusal, never this bookkeeping's failure.
 */
export async function recordRefusal(params: { updateIds: Iterable<number>; reason: ShopUpdateRefusal; now?: string }): Promise<void> {
  const updateIds = [...new Set(params.updateIds)];
  if (updateIds.length === 0) return;
  const minute = (params.now ?? nowIso()).slice(0, 16);
  const upsert = statementBuilder
    .insert(shopUpdateRefusals)
    .values(updateIds.map((updateId) => ({ updateId, minute, reason: params.reason, count: 1 })))
    .onConflictDoUpdate({
      target: [shopUpdateRefusals.updateId, shopUpdateRefusals.minute, shopUpdateRefusals.reason],
      set: { count: sql`${shopUpdateRefusals.count} + 1` },
    });
  try {
    await writeBatch([toStatement(upsert)]);
  } catch (error) {
    console.warn(`[updates] could not count a ${params.reason} refusal for update ${updateIds.join(", ")}`, error);
  }
}

const REASON_OF_CODE: Partial<Record<string, ShopUpdateRefusal>> = { not_live: "not_live", limit_reached: "limit_reached", insufficient_stock: "sold_out" };

/** recordRefusal for an error a cart write or checkout is about to answer with, when it is one the owner counts. */
export async function recordRefusalOf(error: unknown, updateIds: Iterable<number>): Promise<void> {
  const code = error instanceof AppError ? error.code : null;
  const reason = code ? REASON_OF_CODE[code] : undefined;
  if (reason) await recordRefusal({ updateIds, reason });
}
