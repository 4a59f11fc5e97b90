import { describe, expect, it } from "vitest";
import { liveTimeText, timeLeftText } from "./update-times-text";

describe("liveTimeText", () => {
  const now = Date.parse("2026-12-01T12:00:00.000Z");

  it("says the weekday and London time within the week, in winter and in summer", () => {
    expect(liveTimeText("2026-12-04T19:00:00.000Z", now)).toBe("Friday 19:00");
    expect(liveTimeText("2026-06-05T18:00:00.000Z", Date.parse("2026-06-01T12:00:00.000Z"))).toBe("Friday 19:00");
  });

  it("adds the date when the weekday alone would be ambiguous", () => {
    expect(liveTimeText("2026-12-18T19:00:00.000Z", now)).toBe("Friday 18 December, 19:00");
  });
});

describe("timeLeftText", () => {
  it("counts to the second in the last hour and coarser before", () => {
    expect(timeLeftText(9_001)).toBe("0:10");
    expect(timeLeftText(12 * 60_000 + 7_000)).toBe("12:07");
    expect(timeLeftText(4 * 3_600_000 + 5 * 60_000)).toBe("4 h 05 min");
    expect(timeLeftText(2 * 86_400_000 + 3 * 3_600_000)).toBe("2 days 3 h");
    expect(timeLeftText(-5_000)).toBe("0:00");
  });
});
