// The only writer of waiting_room_entries: an arrival, the places, the admissions.
import type { InStatement, ResultSet } from "@libsql/client";
import { and, eq, inArray, isNull, max, sql } from "drizzle-orm";
import { statementBuilder, toStatement, type DbOrTx, type Tx } from "@/lib/db";
import { waitingRoomEntries as entries } from "@/lib/db/schema";
import { admissionOrder, newDraw } from "./admission-order";

export type RoomEntry = { id: number; position: number | null; admittedAt: string | null };

const entryColumns = { id: entries.id, position: entries.position, admittedAt: entries.admittedAt };

/**
 * An arrival as two statements for one writeBatch: the entrant's row, written once (the unique
 * (update, entrant) index turns a second arrival, however close in time, into a no-op), then that
 * row read back. After the live minute the new row takes the next place in the same statement when
 * every earlier arrival already has one, which is the usual case after the minute's first poll; if
 * any is still unplaced it stays null and the caller places them all (placeRoomEntries). One round
 * trip under the write lock per arrival, not a transaction's six.
 */
export function arrivalStatements(params: { updateId: number; entrantKey: string; now: string; liveAt: string }): [InStatement, InStatement] {
  const { updateId } = params;
  const nextPlace = sql`(case when exists (select 1 from ${entries} where ${entries.updateId} = ${updateId} and ${entries.position} is null) then null
    else (select coalesce(max(${entries.position}), 0) + 1 from ${entries} where ${entries.updateId} = ${updateId}) end)`;
  const insert = statementBuilder
    .insert(entries)
    .values({ updateId, entrantKey: params.entrantKey, arrivedAt: params.now, draw: newDraw(), position: params.now < params.liveAt ? null : nextPlace })
    .onConflictDoNothing({ target: [entries.updateId, entries.entrantKey] });
  const readBack = statementBuilder
    .select(entryColumns)
    .from(entries)
    .where(and(eq(entries.updateId, updateId), eq(entries.entrantKey, params.entrantKey)));
  return [toStatement(insert), toStatement(readBack)];
}

/** The row arrivalStatements' second statement read. */
export function arrivalOf(result: ResultSet): RoomEntry {
  const row = result.rows[0]!;
  return { id: Number(row.id), position: row.position === null ? null : Number(row.position), admittedAt: row.admitted_at === null ? null : String(row.admitted_at) };
}

/** Entries written per `CASE id WHEN …` statement (places, admissions): well under SQLite's bound-parameter limit. */
const ENTRIES_PER_STATEMENT = 400;

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
  for (let start = 0; start < ordered.length; start += ENTRIES_PER_STATEMENT) {
    const chunk = ordered.slice(start, start + ENTRIES_PER_STATEMENT);
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

/**
 * Records when each entry was first let in, many entries a statement (lib/updates gathers a
 * second's admissions): a pass issued again changes nothing, as admitted_at is only ever set once.
 */
export function admissionStatements(admissions: readonly { entryId: number; at: string }[]): InStatement[] {
  const statements: InStatement[] = [];
  for (let start = 0; start < admissions.length; start += ENTRIES_PER_STATEMENT) {
    const chunk = admissions.slice(start, start + ENTRIES_PER_STATEMENT);
    const cases = sql.join(
      chunk.map((admission) => sql`when ${admission.entryId} then ${admission.at}`),
      sql` `,
    );
    statements.push(
      toStatement(
        statementBuilder
          .update(entries)
          .set({ admittedAt: sql`case ${entries.id} ${cases} end` })
          .where(and(inArray(entries.id, chunk.map((admission) => admission.entryId)), isNull(entries.admittedAt))),
      ),
    );
  }
  return statements;
}

export async function findRoomEntry(db: DbOrTx, entryId: number): Promise<RoomEntry | null> {
  const [entry] = await db.select(entryColumns).from(entries).where(eq(entries.id, entryId));
  return entry ?? null;
}
