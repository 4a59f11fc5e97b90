// The waiting room's order: who is admitted when, decided from arrival times and draws alone.
import { randomInt } from "node:crypto";

export type RoomArrival = { id: number; arrivedAt: string; draw: number };

/** Below 2^48 (randomInt's range) and a safe integer in JavaScript and SQLite alike. */
const DRAW_RANGE = 2 ** 47;

/** The lottery number an arrival takes: uniform, from the operating system's generator. */
export function newDraw(): number {
  return randomInt(DRAW_RANGE);
}

/**
 * Early arrivals (before the live minute) are shuffled by their draw, so refreshing at 18:59:59.9
 * gains nothing over arriving at 18:55; later arrivals follow them first come, first served (by id,
 * the arrival order the database gave). Ties of draw, one in 2^47, fall back to arrival order. The
 * one definition of the order: lib/updates assigns positions with it and the tests measure it.
 */
export function admissionOrder<T extends RoomArrival>(arrivals: readonly T[], liveAt: string): T[] {
  const isEarly = (arrival: RoomArrival) => arrival.arrivedAt < liveAt;
  return [...arrivals].sort((a, b) => {
    const earlyA = isEarly(a);
    if (earlyA !== isEarly(b)) return earlyA ? -1 : 1;
    if (earlyA && a.draw !== b.draw) return a.draw - b.draw;
    return a.id - b.id;
  });
}

/**
 * When position `position` (1 = first) is let in: `admitPerMinute` places every minute from the
 * live minute on, so the room never lets in more than the shop said it can serve.
 */
export function admissionTime(params: { position: number; liveAtMs: number; admitPerMinute: number }): number {
  return params.liveAtMs + Math.floor((params.position - 1) / params.admitPerMinute) * 60_000;
}
