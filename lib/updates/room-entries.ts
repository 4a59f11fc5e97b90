// The only writer of waiting_room_entries: an arrival, the places, an admission.
import { and, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db";
import { waitingRoomEntries as entries } from "@/lib/db/schema";
import { admissionOrder, newDraw } from "./admission-order";

export type RoomEntry = { id: number; position: number | null; admittedAt: string | null };

const entryColumns = { id: entries.id, position: entries.position, admittedAt: entries.admittedAt };

/**
 * One row per entrant and update, written once: the unique (update, entrant) index turns a second
 * arrival, however close in time, into a no-op, and the entrant's first row is read back.
 */
export async function insertRoomEntry(tx: Tx, params: { updateId: number; entrantKey: string; now: string }): Promise<RoomEntry> {
  await tx
    .insert(entries)
    .values({ updateId: params.updateId, entrantKey: params.entrantKey, arrivedAt: params.now, draw: newDraw() })
    .onConflictDoNothing({ target: [entries.updateId, entries.entrantKey] });
  const [entry] = await tx
    .select(entryColumns)
    .from(entries)
    .where(and(eq(entries.updateId, params.updateId), eq(entries.entrantKey, params.entrantKey)));
  return entry!;
}

/** Places written per statement: well under SQLite's bound-parameter limit. */
const PLACES_PER_STATEMENT = 400;

/**
 * Gives every entry still without a place the next places, in admissionOrder: at the live minute
 * that is all the early arrivals in draw order, after it each later arrival as it comes. Run inside
 * the caller's write transaction, so two servers placing at the same instant take turns and the
 * second finds nothing left to place; the unique (update, position) index backs that up.
 */
export async function placeRoomEntries(tx: Tx, params: { updateId: number; liveAt: string }): Promise<void> {
  const unplaced = await tx
    .select({ id: entries.id, arrivedAt: entries.arrivedAt, draw: entries.draw })
    .from(entries)
    .where(and(eq(entries.updateId, params.updateId), isNull(entries.position)));
  if (unplaced.length === 0) return;
  const [last] = await tx.select({ position: max(entries.position) }).from(entries).where(eq(entries.updateId, params.updateId));
  const first = (last?.position ?? 0) + 1;
  const ordered = admissionOrder(unplaced, params.liveAt);
  for (let start = 0; start < ordered.length; start += PLACES_PER_STATEMENT) {
    const chunk = ordered.slice(start, start + PLACES_PER_STATEMENT);
    const cases = sql.join(
      chunk.map((entry, i) => sql`when ${entry.id} then ${first + start + i}`),
      sql` `,
    );
    await tx
      .update(entries)
      .set({ position: sql`case ${entries.id} ${cases} end` })
      .where(and(eq(entries.updateId, params.updateId), isNull(entries.position), inArray(entries.id, chunk.map((entry) => entry.id))));
  }
}

/** The first admission is the one the owner's live view counts; a pass issued again changes nothing. */
export async function markRoomEntryAdmitted(tx: Tx, params: { entryId: number; now: string }): Promise<void> {
  await tx
    .update(entries)
    .set({ admittedAt: params.now })
    .where(and(eq(entries.id, params.entryId), isNull(entries.admittedAt)));
}

export async function findRoomEntry(db: DbOrTx, entryId: number): Promise<RoomEntry | null> {
  const [entry] = await db.select(entryColumns).from(entries).where(eq(entries.id, entryId));
  return entry ?? null;
}
