// The waiting room of a shop update: arriving, and learning one's place and turn, mostly from the signed token alone.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { AppError, notFound } from "@/lib/app-error";
import { db, writeBatch, writeTransaction, type DbOrTx } from "@/lib/db";
import { shopUpdates } from "@/lib/db/schema";
import { admissionTime } from "./admission-order";
import { recordAdmission } from "./record-admission";
import { chargeRoomEntry } from "./room-throttle";
import { arrivalOf, arrivalStatements, findRoomEntry, placeRoomEntries, type RoomEntry } from "./room-entries";
import { entrantKeyOf, issuePass, issueTicket, readRoomToken, roomCookieName, type RoomToken, type RoomTokenFields } from "./room-token";
import { updateStateAt } from "./update-state";

/** A token the response must set as the update's room cookie (the shopper's place or pass changed). */
export type RoomCookie = { name: string; token: string; expiresAtMs: number };

export type RoomStatus =
  /** The update has no room (admitPerMinute unset): shop as usual. */
  | { state: "no_room"; updateId: number }
  | { state: "closed"; updateId: number }
  /** This browser has not joined the room. */
  | { state: "absent"; updateId: number }
  /** Joined before the live minute: the place is drawn at liveAt. */
  | { state: "early"; updateId: number; liveAt: string; cookie?: RoomCookie }
  | { state: "waiting"; updateId: number; position: number; admitsAt: string; cookie?: RoomCookie }
  | { state: "admitted"; updateId: number; position: number; passExpiresAt: string; cookie?: RoomCookie };

export type RoomUpdate = Pick<typeof shopUpdates.$inferSelect, "id" | "name" | "previewAt" | "liveAt" | "closeAt" | "closedAt" | "cancelledAt" | "holdMinutes" | "admitPerMinute">;

export async function readRoomUpdate(reader: DbOrTx, updateId: number): Promise<RoomUpdate | null> {
  const [update] = await reader
    .select({
      id: shopUpdates.id,
      name: shopUpdates.name,
      previewAt: shopUpdates.previewAt,
      liveAt: shopUpdates.liveAt,
      closeAt: shopUpdates.closeAt,
      closedAt: shopUpdates.closedAt,
      cancelledAt: shopUpdates.cancelledAt,
      holdMinutes: shopUpdates.holdMinutes,
      admitPerMinute: shopUpdates.admitPerMinute,
    })
    .from(shopUpdates)
    .where(eq(shopUpdates.id, updateId));
  return update ?? null;
}

/** The room is on while the update is unfinished and has a rate; otherwise the answer says why not. */
function roomOff(update: RoomUpdate, nowIso: string): RoomStatus | null {
  const state = updateStateAt(update, nowIso);
  if (state === "closed" || state === "cancelled") return { state: "closed", updateId: update.id };
  if (update.admitPerMinute === null) return { state: "no_room", updateId: update.id };
  return null;
}

/**
 * POST /api/updates/[id]/queue's operation. A shopper whose browser already holds a valid token for
 * the update keeps it (no write); otherwise, within its client's budget (room-throttle.ts), one
 * write batch records the arrival, once per entrant
 * (the email's keyed hash if given, else the client's, else a random one this browser keeps in its
 * token), and, past the live minute, gives it the next place. Arriving again with the same
 * email, from any browser, finds the same place.
 */
export async function enterWaitingRoom(params: { updateId: number; email?: string | null; clientKey: string | null; token?: string; now?: Date }): Promise<RoomStatus> {
  const now = params.now ?? new Date();
  const held = readRoomToken(params.token, params.updateId, now.getTime());
  if (held) return advance(held, now);
  chargeRoomEntry(params.clientKey, now.getTime());
  const update = await readRoomUpdate(await db(), params.updateId);
  if (!update) throw notFound("The shop update");
  const nowIso = now.toISOString();
  const off = roomOff(update, nowIso);
  if (off) return off;
  const identity = params.email ? { email: params.email.trim().toLowerCase() } : params.clientKey ? { clientKey: params.clientKey } : { random: randomBytes(18).toString("base64url") };
  const entrantKey = entrantKeyOf(identity);
  const [, readBack] = await writeBatch(arrivalStatements({ updateId: update.id, entrantKey, now: nowIso, liveAt: update.liveAt }));
  let entry = arrivalOf(readBack!);
  if (entry.position === null && nowIso >= update.liveAt) entry = await placeArrivals(update, entry.id);
  const fields: RoomTokenFields = {
    updateId: update.id,
    entryId: entry.id,
    entrantKey,
    position: entry.position,
    liveAtMs: Date.parse(update.liveAt),
    admitPerMinute: update.admitPerMinute!,
  };
  return advance(ticket(fields, now), now, { update, isChanged: true });
}

/**
 * GET /api/updates/[id]/queue's operation, polled by the room page. While the shopper's place is
 * known and their minute has not come, the token alone answers: no database read, no write, however
 * often the page refreshes. The database is touched at most twice per entrant: once to learn the
 * drawn place after the live minute, once to record the admission.
 */
export async function checkWaitingRoom(params: { updateId: number; token?: string; now?: Date }): Promise<RoomStatus> {
  const now = params.now ?? new Date();
  const held = readRoomToken(params.token, params.updateId, now.getTime());
  if (!held) return { state: "absent", updateId: params.updateId };
  return advance(held, now);
}

/** A ticket not yet signed: advance() signs what it hands back (cookieOf), with the expiry that fits by then. */
function ticket(fields: RoomTokenFields, now: Date): RoomToken {
  return { v: 1, kind: "ticket", ...fields, iat: now.getTime(), exp: now.getTime() };
}

function cookieOf(token: RoomToken, now: Date, update?: RoomUpdate): RoomCookie {
  const { kind: _kind, v: _v, iat: _iat, exp: _exp, ...fields } = token;
  const issued = token.kind === "pass" ? issuePass({ ...fields, position: token.position! }, update!.holdMinutes, now.getTime()) : issueTicket(fields, now.getTime());
  return { name: roomCookieName(token.updateId), token: issued.token, expiresAtMs: issued.expiresAtMs };
}

async function advance(held: RoomToken, now: Date, context: { update?: RoomUpdate; isChanged?: boolean } = {}): Promise<RoomStatus> {
  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  const updateId = held.updateId;
  if (held.kind === "pass") {
    return { state: "admitted", updateId, position: held.position!, passExpiresAt: new Date(held.exp).toISOString() };
  }
  let token = held;
  let isChanged = context.isChanged ?? false;
  let update = context.update;
  if (token.position === null) {
    if (nowMs < token.liveAtMs) return { state: "early", updateId, liveAt: new Date(token.liveAtMs).toISOString(), ...(isChanged ? { cookie: cookieOf(token, now) } : {}) };
    // The draw happens now, lazily: the first request after the live minute places every early arrival at once.
    const placed = await placeOnce(token, now);
    if ("state" in placed) return placed;
    ({ update } = placed);
    token = { ...token, position: placed.position, liveAtMs: Date.parse(placed.update.liveAt), admitPerMinute: placed.update.admitPerMinute! };
    isChanged = true;
  }
  const position = token.position!;
  const admitsAtMs = admissionTime({ position, liveAtMs: token.liveAtMs, admitPerMinute: token.admitPerMinute });
  if (nowMs < admitsAtMs) {
    return { state: "waiting", updateId, position, admitsAt: new Date(admitsAtMs).toISOString(), ...(isChanged ? { cookie: cookieOf(token, now) } : {}) };
  }
  update ??= (await readRoomUpdate(await db(), updateId)) ?? undefined;
  if (!update) throw notFound("The shop update");
  const off = roomOff(update, nowIso);
  if (off) return off;
  recordAdmission({ entryId: token.entryId, at: nowIso });
  const pass = cookieOf({ ...token, kind: "pass" }, now, update);
  return { state: "admitted", updateId, position, passExpiresAt: new Date(pass.expiresAtMs).toISOString(), cookie: pass };
}

/** The entry's place after the live minute: read, or drawn now (one write transaction for every early arrival). */
async function placeOnce(token: RoomToken, now: Date): Promise<{ position: number; update: RoomUpdate } | RoomStatus> {
  const nowIso = now.toISOString();
  const reader = await db();
  const [update, entry] = await Promise.all([readRoomUpdate(reader, token.updateId), findRoomEntry(reader, token.entryId)]);
  if (!update || !entry) throw notFound("Your place in the waiting room");
  const off = roomOff(update, nowIso);
  if (off) return off;
  // The owner moved the live minute later: the new ticket carries it, so refreshes need no read until then.
  if (nowIso < update.liveAt) return { state: "early", updateId: update.id, liveAt: update.liveAt, cookie: cookieOf({ ...token, liveAtMs: Date.parse(update.liveAt) }, now) };
  if (entry.position !== null) return { position: entry.position, update };
  return { position: (await placeArrivals(update, token.entryId)).position!, update };
}

/** This process's placement under way, by update. */
const placing = new Map<number, Promise<void>>();

/**
 * Gives every unplaced arrival its place and returns the entry with its own. At the live minute
 * hundreds of early arrivals poll within seconds and each finds itself unplaced: they share this
 * process's one placement transaction instead of queueing one each for the write lock ahead of the
 * checkouts. A placement that began before the entry was written misses it, so the next one (begun
 * after) is awaited; two in a row that miss it mean the database is not keeping up.
 */
async function placeArrivals(update: RoomUpdate, entryId: number): Promise<RoomEntry> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let placement = placing.get(update.id);
    if (!placement) {
      placement = writeTransaction((tx) => placeRoomEntries(tx, { updateId: update.id, liveAt: update.liveAt })).finally(() => placing.delete(update.id));
      placing.set(update.id, placement);
    }
    await placement;
    const entry = await findRoomEntry(await db(), entryId);
    if (!entry) throw notFound("Your place in the waiting room");
    if (entry.position !== null) return entry;
  }
  throw new AppError("unavailable", "The waiting room is very busy: please try again in a moment.");
}
