import { describe, expect, it } from "vitest";
import { admissionOrder, admissionTime, newDraw, type RoomArrival } from "./admission-order";
import { erfc, fifoEvidence } from "./fifo-evidence";

const LIVE_AT = "2026-12-04T19:00:00.000Z";
const liveAtMs = Date.parse(LIVE_AT);

/** A seeded generator (mulberry32): the same draws on every run, for the deterministic cases. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) * 2 ** 15;
  };
}

/** `count` arrivals in id order, one every `gapMs` from `firstMs`, with draws from `draw`. */
function arrivals(count: number, firstMs: number, gapMs: number, draw: () => number, firstId = 1): RoomArrival[] {
  return Array.from({ length: count }, (_, i) => ({ id: firstId + i, arrivedAt: new Date(firstMs + i * gapMs).toISOString(), draw: draw() }));
}

describe("admissionOrder", () => {
  it("orders early arrivals by their draw, not by when they came, and later arrivals after them first come first served", () => {
    const early = [
      { id: 1, arrivedAt: "2026-12-04T18:55:00.000Z", draw: 30 },
      { id: 2, arrivedAt: "2026-12-04T18:59:59.900Z", draw: 10 },
      { id: 3, arrivedAt: "2026-12-04T18:58:00.000Z", draw: 20 },
    ];
    const late = [
      { id: 4, arrivedAt: "2026-12-04T19:00:00.000Z", draw: 5 },
      { id: 5, arrivedAt: "2026-12-04T19:00:01.000Z", draw: 1 },
    ];
    expect(admissionOrder([...late, ...early].reverse(), LIVE_AT).map((entry) => entry.id)).toEqual([2, 3, 1, 4, 5]);
  });

  it("breaks a tie of draws by arrival", () => {
    const tied = [
      { id: 8, arrivedAt: "2026-12-04T18:50:00.000Z", draw: 7 },
      { id: 6, arrivedAt: "2026-12-04T18:51:00.000Z", draw: 7 },
    ];
    expect(admissionOrder(tied, LIVE_AT).map((entry) => entry.id)).toEqual([6, 8]);
  });

  it("with seeded draws, admits 200 early arrivals in an order the FIFO test rejects, and 50 later ones exactly in arrival order", () => {
    const draw = seeded(28);
    const early = arrivals(200, liveAtMs - 5 * 60_000, 1_000, draw);
    const late = arrivals(50, liveAtMs, 500, draw, 201);
    const order = admissionOrder([...early, ...late], LIVE_AT);
    expect(order.slice(200).map((entry) => entry.id)).toEqual(late.map((entry) => entry.id));
    const evidence = fifoEvidence(order.slice(0, 200).map((entry) => entry.id));
    expect(evidence.pFifo).toBeLessThan(1e-6);
    expect(evidence.pIndependent).toBeGreaterThan(1e-6);
    expect(Math.abs(evidence.kendallTau)).toBeLessThan(0.2);
  });
});

describe("fifoEvidence", () => {
  it("does not reject FIFO for an order that is arrival order, or arrival order with neighbours swapped one time in ten", () => {
    const fifo = Array.from({ length: 200 }, (_, i) => i);
    expect(fifoEvidence(fifo)).toMatchObject({ ascents: 199, kendallTau: 1 });
    expect(fifoEvidence(fifo).pFifo).toBeGreaterThan(0.99);
    expect(fifoEvidence(fifo).pIndependent).toBeLessThan(1e-6);
    const jittered = [...fifo];
    for (let i = 0; i + 1 < jittered.length; i += 10) [jittered[i], jittered[i + 1]] = [jittered[i + 1]!, jittered[i]!];
    expect(fifoEvidence(jittered).pFifo).toBeGreaterThan(0.01);
  });

  it("rejects FIFO for the reverse of arrival order", () => {
    expect(fifoEvidence(Array.from({ length: 200 }, (_, i) => 200 - i)).pFifo).toBeLessThan(1e-30);
  });

  it("computes erfc to the accuracy the thresholds need", () => {
    expect(erfc(0)).toBeCloseTo(1, 6);
    // erfc(5/sqrt(2)) = P(|Z| > 5) = 5.733e-7
    expect(erfc(5 / Math.SQRT2) / 5.733031e-7).toBeCloseTo(1, 4);
    expect(erfc(-1)).toBeCloseTo(1.8427007929, 6);
  });

  it("with real random draws: 200 early arrivals are never admitted FIFO (a false result here has a chance far below one in a million)", () => {
    // Under a fair lottery the ascents of 200 entrants have mean 99.5 and sd 4.1; pFifo ≥ 1e-6 needs
    // 121 or more, five standard deviations out, and pIndependent < 1e-6 is a 1e-6 event by definition.
    for (let run = 0; run < 5; run += 1) {
      const early = arrivals(200, liveAtMs - 60_000, 250, newDraw);
      const evidence = fifoEvidence(admissionOrder(early, LIVE_AT).map((entry) => entry.id));
      expect(evidence.pFifo).toBeLessThan(1e-6);
    }
  });
});

describe("admissionTime", () => {
  it("lets admitPerMinute places in each minute from the live minute on", () => {
    const at = (position: number) => (admissionTime({ position, liveAtMs, admitPerMinute: 3 }) - liveAtMs) / 60_000;
    expect([1, 2, 3, 4, 6, 7, 300].map(at)).toEqual([0, 0, 0, 1, 1, 2, 99]);
  });
});
