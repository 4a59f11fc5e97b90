import { describe, expect, it } from "vitest";
import { MAX_EMAIL_ATTEMPTS, retryDelayMs } from "./retry-schedule";

const MINUTE = 60_000;

describe("the retry schedule", () => {
  it("doubles the wait after each failed attempt, jittered between half and all of it", () => {
    expect(retryDelayMs(1, () => 0)).toBe(0.5 * MINUTE);
    expect(retryDelayMs(1, () => 0.999999)).toBeCloseTo(MINUTE, -2);
    expect(retryDelayMs(2, () => 0)).toBe(MINUTE);
    expect(retryDelayMs(4, () => 0)).toBe(4 * MINUTE);
  });

  it("never waits more than two hours, and the waits before giving up add up to one to two hours", () => {
    expect(retryDelayMs(30, () => 0.999999)).toBeLessThanOrEqual(120 * MINUTE);
    const waits = (random: () => number) => Array.from({ length: MAX_EMAIL_ATTEMPTS - 1 }, (_, index) => retryDelayMs(index + 1, random)).reduce((a, b) => a + b, 0);
    expect(waits(() => 0)).toBeGreaterThanOrEqual(60 * MINUTE);
    expect(waits(() => 0.999999)).toBeLessThanOrEqual(128 * MINUTE);
  });

  it("spreads emails that failed together", () => {
    const spread = new Set(Array.from({ length: 20 }, () => retryDelayMs(3)));
    expect(spread.size).toBeGreaterThan(10);
  });
});
