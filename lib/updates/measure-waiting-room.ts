// What a waiting room did, measured from its rows: for the bench's shop-update scenario, the chaos suite and the tests.
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { shopUpdates, waitingRoomEntries as entries } from "@/lib/db/schema";
import { admissionTime } from "./admission-order";
import { fifoEvidence, type FifoEvidence } from "./fifo-evidence";

export type WaitingRoomMeasure = {
  entrants: number;
  placed: number;
  admitted: number;
  early: number;
  /** The early arrivals, in admission (position) order, against their arrival (id) order: `pFifo` < 1e-6 says "not FIFO". */
  earlyOrder: FifoEvidence;
  /** Every later arrival placed after every early one, in arrival order. */
  isLateFifo: boolean;
  /** Places are 1…placed with none missing or repeated (the unique index forbids repeats; this finds gaps). */
  arePlacesContiguous: boolean;
  /** Admitted entries without a place: must be 0. */
  admittedWithoutPlace: number;
  /** Entries admitted before their place's minute (admitPerMinute places a minute from the live time): must be 0. */
  admittedBeforeTurn: number;
};

/**
 * One read of the update's entries (its index on update_id). Entrants are unique by construction
 * (one row per update and entrant), so "nobody admitted twice" is "admitted ≤ entrants, one
 * admitted_at per row"; what can still go wrong, and what this measures, is the order.
 */
export async function measureWaitingRoom(db: DbOrTx, updateId: number): Promise<WaitingRoomMeasure> {
  const [update] = await db.select({ liveAt: shopUpdates.liveAt, admitPerMinute: shopUpdates.admitPerMinute }).from(shopUpdates).where(eq(shopUpdates.id, updateId));
  const rows = await db
    .select({ id: entries.id, arrivedAt: entries.arrivedAt, position: entries.position, admittedAt: entries.admittedAt })
    .from(entries)
    .where(eq(entries.updateId, updateId))
    .orderBy(asc(entries.position), asc(entries.id));
  const liveAt = update?.liveAt ?? "";
  const placed = rows.filter((row) => row.position !== null);
  const earlyPlaced = placed.filter((row) => row.arrivedAt < liveAt);
  const latePlaced = placed.filter((row) => row.arrivedAt >= liveAt);
  const lastEarly = Math.max(0, ...earlyPlaced.map((row) => row.position!));
  const liveAtMs = Date.parse(liveAt);
  const rate = update?.admitPerMinute ?? null;
  const isBeforeTurn = (row: (typeof rows)[number]) =>
    row.admittedAt !== null && row.position !== null && rate !== null && Date.parse(row.admittedAt) < admissionTime({ position: row.position, liveAtMs, admitPerMinute: rate });
  return {
    entrants: rows.length,
    placed: placed.length,
    admitted: rows.filter((row) => row.admittedAt !== null).length,
    early: rows.filter((row) => row.arrivedAt < liveAt).length,
    earlyOrder: fifoEvidence(earlyPlaced.map((row) => row.id)),
    isLateFifo: latePlaced.every((row, i) => row.position! > lastEarly && (i === 0 || row.id > latePlaced[i - 1]!.id)),
    arePlacesContiguous: placed.every((row, i) => row.position === i + 1),
    admittedWithoutPlace: rows.filter((row) => row.admittedAt !== null && row.position === null).length,
    admittedBeforeTurn: rows.filter(isBeforeTurn).length,
  };
}
