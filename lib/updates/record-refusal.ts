// Counts a shopper's refusal (not live, limit reached, sold out, not let in by the waiting room) against a shop update, for the owner's live view.
import { sql } from "drizzle-orm";
import { AppError } from "@/lib/app-error";
import { statementBuilder, toStatement } from "@/lib/db";
import { gatheredWrites } from "@/lib/db/gathered-writes";
import { shopUpdateRefusals, type ShopUpdateRefusal } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

/**
 * How long refusals gather in memory before one batch adds them to their counters. At the live
 * minute a thousand refusals a minute are normal; one write each queued them all behind the
 * checkouts for the write lock (the shop-update storm at 20 ms answered 503 to hundreds of requests).
 */
export const REFUSAL_FLUSH_MS = 1_000;

type Counter = { updateId: number; minute: string; reason: ShopUpdateRefusal; count: number };

const counters = gatheredWrites<Counter>({
  what: "refusal counter(s)",
  intervalMs: REFUSAL_FLUSH_MS,
  keyOf: (counter) => `${counter.updateId}|${counter.minute}|${counter.reason}`,
  merge: (held, next) => ({ ...held, count: held.count + next.count }),
  statementsOf: (gathered) =>
    gathered.map((counter) =>
      toStatement(
        statementBuilder
          .insert(shopUpdateRefusals)
          .values(counter)
          .onConflictDoUpdate({
            target: [shopUpdateRefusals.updateId, shopUpdateRefusals.minute, shopUpdateRefusals.reason],
            set: { count: sql`${shopUpdateRefusals.count} + ${counter.count}` },
          }),
      ),
    ),
});

/**
 * Adds the refusal to the (update, UTC minute, reason) counter in memory; a batch writes the gathered
 * counts within REFUSAL_FLUSH_MS, outside any write the refusal aborted. The shopper's answer never
 * waits on this bookkeeping. What a process holds when it dies (at most a second's refusals) is lost:
 * the counters are the owner's gauge, not a ledger.
 */
export function recordRefusal(params: { updateIds: Iterable<number>; reason: ShopUpdateRefusal; now?: string }): void {
  const minute = (params.now ?? nowIso()).slice(0, 16);
  for (const updateId of new Set(params.updateIds)) counters.add({ updateId, minute, reason: params.reason, count: 1 });
}

/**
 * Writes every gathered count now, in one batch of upserts. The live view calls it before reading,
 * and tests before counting. A batch the database refuses (busy at the minute of a drop) goes back
 * into memory for the next flush; the keys are per minute, so what waits stays a handful of rows.
 */
export function flushRefusals(): Promise<void> {
  return counters.flush();
}

const REASON_OF_CODE: Partial<Record<string, ShopUpdateRefusal>> = { not_live: "not_live", limit_reached: "limit_reached", insufficient_stock: "sold_out", not_admitted: "not_admitted" };

/** recordRefusal for an error a cart write or checkout is about to answer with, when it is one the owner counts. */
export function recordRefusalOf(error: unknown, updateIds: Iterable<number>): void {
  const code = error instanceof AppError ? error.code : null;
  const reason = code ? REASON_OF_CODE[code] : undefined;
  if (reason) recordRefusal({ updateIds, reason });
}
