import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/app-error";
import { db } from "@/lib/db";
import { countDatabaseWork, traceRoundTrips } from "@/lib/db/client";
import { waitingRoomEntries } from "@/lib/db/schema";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { createShopUpdate } from "@/tests/factories/shop-update";
import { assertAdmitted } from "./assert-admitted";
import { measureWaitingRoom } from "./measure-waiting-room";
import { flushAdmissions } from "./record-admission";
import { readRoomToken, roomCookieName } from "./room-token";
import { getUpdateLiveView } from "./update-live-view";
import type { GoverningUpdate } from "./variant-updates";
import { checkWaitingRoom, enterWaitingRoom, type RoomStatus } from "./waiting-room";

const MINUTE = 60_000;

/** An update with a room that went live `agoMs` ago (the clock of each call is given explicitly). */
async function roomUpdate(spec: { admitPerMinute?: number | null; liveAtMs?: number; holdMinutes?: number } = {}) {
  const skein = await createVariant({ stock: 50 });
  const liveAtMs = spec.liveAtMs ?? Date.now() - MINUTE;
  const liveAt = new Date(liveAtMs).toISOString();
  const updateId = await createShopUpdate({ liveAt, admitPerMinute: spec.admitPerMinute === undefined ? 5 : spec.admitPerMinute, holdMinutes: spec.holdMinutes ?? 10, items: [{ variantId: skein.variantId }] });
  return { updateId, liveAtMs, liveAt };
}

const at = (ms: number) => new Date(ms);
const tokenOf = (status: RoomStatus) => ("cookie" in status ? status.cookie?.token : undefined);
const entriesOf = (updateId: number) =>
  withFreshClient((reader) =>
    reader
      .select({ id: waitingRoomEntries.id, position: waitingRoomEntries.position, admittedAt: waitingRoomEntries.admittedAt })
      .from(waitingRoomEntries)
      .where(eq(waitingRoomEntries.updateId, updateId))
      .orderBy(waitingRoomEntries.id),
  );

describe("the waiting room", () => {
  it("shuffles the early arrivals at the live minute (not FIFO, p < 1e-6) and queues later arrivals after them in arrival order", async () => {
    const { updateId, liveAtMs } = await roomUpdate({ admitPerMinute: 10 });
    const tickets: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const status = await enterWaitingRoom({ updateId, email: `early${i}@example.com`, clientKey: null, now: at(liveAtMs - 200_000 + i * 1000) });
      expect(status).toMatchObject({ state: "early" });
      tickets.push(tokenOf(status)!);
    }
    expect((await entriesOf(updateId)).every((entry) => entry.position === null)).toBe(true);

    // The crowd's first polls after the live minute share one placement transaction, which draws
    // every early arrival's place in one go, instead of queueing a transaction each for the write lock.
    let underLock = 0;
    const stop = traceRoundTrips((trip) => (underLock += trip.isUnderWriteLock ? 1 : 0));
    const polls = await Promise.all(tickets.map((token) => checkWaitingRoom({ updateId, token, now: at(liveAtMs + 1000) }))).finally(stop);
    expect(new Set(polls.map((status) => status.state))).toEqual(new Set(["waiting", "admitted"]));
    expect(new Set(polls.map((status) => ("position" in status ? status.position : null))).size).toBe(200);
    expect(underLock).toBeLessThanOrEqual(10);
    expect((await entriesOf(updateId)).every((entry) => entry.position !== null)).toBe(true);
    // Later arrivals take the next place in the arrival's own statement: one round trip under the lock each.
    underLock = 0;
    const stopLate = traceRoundTrips((trip) => (underLock += trip.isUnderWriteLock ? 1 : 0));
    for (let i = 0; i < 20; i += 1) {
      const late = await enterWaitingRoom({ updateId, email: `late${i}@example.com`, clientKey: null, now: at(liveAtMs + 2000 + i * 100) });
      expect(late).toMatchObject({ position: 201 + i });
    }
    stopLate();
    expect(underLock).toBe(20);
    // Twenty more at the same instant: the write lock takes them in turn, each its own next place.
    const together = await Promise.all(
      Array.from({ length: 20 }, (_, i) => enterWaitingRoom({ updateId, email: `together${i}@example.com`, clientKey: null, now: at(liveAtMs + 5000) })),
    );
    expect(together.map((status) => ("position" in status ? status.position : null)).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 20 }, (_, i) => 221 + i));

    const measure = await withFreshClient((reader) => measureWaitingRoom(reader, updateId));
    expect(measure).toMatchObject({ entrants: 240, placed: 240, early: 200, isLateFifo: true, arePlacesContiguous: true, admittedWithoutPlace: 0, admittedBeforeTurn: 0 });
    expect(measure.earlyOrder.pFifo).toBeLessThan(1e-6);
    expect(measure.earlyOrder.pIndependent).toBeGreaterThan(1e-9);
  });

  it("gives one entrant one place however many times, and however concurrently, they arrive", async () => {
    const { updateId, liveAtMs } = await roomUpdate({ admitPerMinute: 1 });
    await enterWaitingRoom({ updateId, email: "first@example.com", clientKey: null, now: at(liveAtMs + 1000) });
    const arrivals = await Promise.all(
      Array.from({ length: 8 }, (_, i) => enterWaitingRoom({ updateId, email: i % 2 ? "Ann@Example.com " : "ann@example.com", clientKey: null, now: at(liveAtMs + 2000) })),
    );
    expect(new Set(arrivals.map((status) => ("position" in status ? status.position : null)))).toEqual(new Set([2]));
    const entryIds = arrivals.map((status) => readRoomToken(tokenOf(status), updateId, liveAtMs + 3000)!.entryId);
    expect(new Set(entryIds).size).toBe(1);
    expect(await entriesOf(updateId)).toHaveLength(2);

    // The same client without an email is one entrant too.
    const byClient = await Promise.all([1, 2, 3].map(() => enterWaitingRoom({ updateId, clientKey: "client-key-of-one-address", now: at(liveAtMs + 4000) })));
    expect(byClient.map((status) => ("position" in status ? status.position : null))).toEqual([3, 3, 3]);
    expect(await entriesOf(updateId)).toHaveLength(3);
  });

  it("admits each place at its minute, records the admission once, and answers refreshes from the token alone", async () => {
    const { updateId, liveAtMs } = await roomUpdate({ admitPerMinute: 2 });
    const now = liveAtMs + 5000;
    const statuses = [];
    for (const name of ["a", "b", "c"]) statuses.push(await enterWaitingRoom({ updateId, email: `${name}@example.com`, clientKey: null, now: at(now) }));
    expect(statuses.map((status) => status.state)).toEqual(["admitted", "admitted", "waiting"]);
    const third = statuses[2]!;
    expect(third).toMatchObject({ position: 3, admitsAt: new Date(liveAtMs + MINUTE).toISOString() });

    const { result: refreshed, cost } = await countDatabaseWork(() => checkWaitingRoom({ updateId, token: tokenOf(third), now: at(now + 10_000) }));
    expect(refreshed).toMatchObject({ state: "waiting", position: 3 });
    expect(refreshed).not.toHaveProperty("cookie");
    expect(cost.statements).toBe(0);

    const admitted = await checkWaitingRoom({ updateId, token: tokenOf(third), now: at(liveAtMs + MINUTE) });
    expect(admitted).toMatchObject({ state: "admitted", position: 3 });
    const pass = readRoomToken(tokenOf(admitted), updateId, liveAtMs + MINUTE)!;
    expect(pass).toMatchObject({ kind: "pass", position: 3 });
    // The pass lasts the update's hold and twenty minutes more.
    expect(pass.exp - pass.iat).toBe(30 * MINUTE);
    // Admissions are gathered in memory and written once a second, in one statement for all of them.
    expect((await entriesOf(updateId))[2]!.admittedAt).toBeNull();
    const { cost: flushCost } = await countDatabaseWork(() => flushAdmissions());
    expect(flushCost.statements).toBe(1);
    const firstAdmission = (await entriesOf(updateId))[2]!.admittedAt;
    expect(firstAdmission).toBe(new Date(liveAtMs + MINUTE).toISOString());

    // Arriving again by email later, from another browser, gives the same place and no second admission.
    const again = await enterWaitingRoom({ updateId, email: "c@example.com", clientKey: null, now: at(liveAtMs + 2 * MINUTE) });
    expect(again).toMatchObject({ state: "admitted", position: 3 });
    await flushAdmissions();
    expect((await entriesOf(updateId)).map((entry) => entry.admittedAt)).toEqual([new Date(now).toISOString(), new Date(now).toISOString(), firstAdmission]);
    const measure = await withFreshClient((reader) => measureWaitingRoom(reader, updateId));
    expect(measure).toMatchObject({ entrants: 3, admitted: 3, admittedBeforeTurn: 0 });
    // The measure catches a place let in before its minute (the third place's is a minute after live).
    const thirdEntryId = (await entriesOf(updateId))[2]!.id;
    await (await db()).update(waitingRoomEntries).set({ admittedAt: new Date(liveAtMs + 1000).toISOString() }).where(eq(waitingRoomEntries.id, thirdEntryId));
    expect(await withFreshClient((reader) => measureWaitingRoom(reader, updateId))).toMatchObject({ admittedBeforeTurn: 1 });
    await (await db()).update(waitingRoomEntries).set({ admittedAt: firstAdmission }).where(eq(waitingRoomEntries.id, thirdEntryId));
    await enterWaitingRoom({ updateId, email: "d@example.com", clientKey: null, now: at(liveAtMs + 30_000) });
    const { result: view, cost: viewCost } = await countDatabaseWork(async () => getUpdateLiveView(await db(), updateId));
    expect(view.room).toEqual({ joined: 4, waiting: 1, admitted: 3 });
    expect(viewCost.statements).toBe(5);
  });

  it("lets one client join ten times, then answers 429 with Retry-After; a browser holding its token is never charged", async () => {
    const { updateId, liveAtMs } = await roomUpdate({ admitPerMinute: 100 });
    const now = at(liveAtMs + 1000);
    const clientKey = "client-key-of-a-busy-cafe";
    const statuses = [];
    for (let i = 0; i < 10; i += 1) statuses.push(await enterWaitingRoom({ updateId, email: `knitter${i}@example.com`, clientKey, now }));
    const refused = await enterWaitingRoom({ updateId, email: "knitter10@example.com", clientKey, now }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "too_many_requests" });
    expect(Number((refused as AppError).headers["Retry-After"])).toBeGreaterThan(0);
    expect(await entriesOf(updateId)).toHaveLength(10);
    // The first knitter's browser comes back with its token: no charge, the same place.
    const again = await enterWaitingRoom({ updateId, email: "knitter0@example.com", clientKey, token: tokenOf(statuses[0]!), now });
    expect(again).toMatchObject({ state: "admitted", position: 1 });
    // Another client is unaffected.
    await expect(enterWaitingRoom({ updateId, email: "elsewhere@example.com", clientKey: "client-key-of-a-home", now })).resolves.toMatchObject({ position: 11 });
  });

  it("refuses forged, altered, expired and other updates' tokens", async () => {
    const { updateId, liveAtMs } = await roomUpdate({ admitPerMinute: 1 });
    const { updateId: otherId } = await roomUpdate({ admitPerMinute: 1 });
    const now = liveAtMs + 1000;
    const pass = tokenOf(await enterWaitingRoom({ updateId, email: "bea@example.com", clientKey: null, now: at(now) }))!;
    expect(readRoomToken(pass, updateId, now)).toMatchObject({ kind: "pass" });

    const [body, signature] = pass.split(".") as [string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const altered = `${Buffer.from(JSON.stringify({ ...payload, position: 1, exp: now + 999 * MINUTE })).toString("base64url")}.${signature}`;
    const unsigned = `${Buffer.from(JSON.stringify({ ...payload, kind: "pass" })).toString("base64url")}.`;
    for (const token of [altered, unsigned, `${body}.${signature.slice(0, -2)}AA`, "garbage", ""]) {
      expect(readRoomToken(token, updateId, now)).toBeNull();
      expect(await checkWaitingRoom({ updateId, token, now: at(now) })).toEqual({ state: "absent", updateId });
    }
    expect(readRoomToken(pass, otherId, now)).toBeNull();
    expect(readRoomToken(pass, updateId, now + 31 * MINUTE)).toBeNull();
    expect(await checkWaitingRoom({ updateId, token: pass, now: at(now + 31 * MINUTE) })).toEqual({ state: "absent", updateId });
  });

  it("is no room at all without admitPerMinute, and closed once the update is", async () => {
    const { updateId, liveAtMs } = await roomUpdate({ admitPerMinute: null });
    expect(await enterWaitingRoom({ updateId, email: "cy@example.com", clientKey: null, now: at(liveAtMs + 1000) })).toEqual({ state: "no_room", updateId });
    expect((await getUpdateLiveView(await db(), updateId)).room).toBeNull();
    const closed = await createShopUpdate({ liveAt: new Date(Date.now() - 2 * MINUTE).toISOString(), closedAt: new Date().toISOString(), admitPerMinute: 5, items: [{ variantId: (await createVariant()).variantId }] });
    expect(await enterWaitingRoom({ updateId: closed, email: "cy@example.com", clientKey: null })).toEqual({ state: "closed", updateId: closed });
    expect(await entriesOf(updateId)).toEqual([]);
    await expect(enterWaitingRoom({ updateId: 999_999, clientKey: null })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("assertAdmitted", () => {
  const live = (admitPerMinute: number | null, updateId: number): GoverningUpdate => ({
    updateId,
    name: "Friday update",
    state: "live",
    liveAt: new Date(Date.now() - MINUTE).toISOString(),
    previewAt: null,
    closeAt: null,
    holdMinutes: 10,
    limitPerCustomer: null,
    variantLimitPerCustomer: null,
    admitPerMinute,
  });

  it("needs the update's own pass while its room is on, and nothing when it has no room", async () => {
    const { updateId, liveAtMs } = await roomUpdate({ admitPerMinute: 1 });
    const now = Date.now();
    const pass = tokenOf(await enterWaitingRoom({ updateId, email: "di@example.com", clientKey: null, now: at(liveAtMs + 1000) }))!;
    const ticket = tokenOf(await enterWaitingRoom({ updateId, email: "ed@example.com", clientKey: null, now: at(liveAtMs + 1000) }))!;
    expect(readRoomToken(ticket, updateId, now)?.kind).toBe("ticket");

    expect(() => assertAdmitted([live(1, updateId)], new Map([[updateId, pass]]), now)).not.toThrow();
    for (const tokens of [new Map<number, string>(), new Map([[updateId, ticket]]), new Map([[updateId + 1, pass]])]) {
      let refusal: unknown;
      try {
        assertAdmitted([live(1, updateId)], tokens, now);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({ code: "not_admitted", fields: { roomUrl: `/updates/${updateId}/waiting-room` } });
    }
    expect(() => assertAdmitted([live(null, updateId), undefined], new Map(), now)).not.toThrow();
    expect(roomCookieName(updateId)).toBe(`room_${updateId}`);
  });
});
