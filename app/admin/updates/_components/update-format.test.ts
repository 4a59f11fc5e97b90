import { describe, expect, it } from "vitest";
import { relativeTime, shopWhen, updateTimeline } from "./update-format";

const NOW = Date.parse("2026-12-04T17:00:00.000Z");

describe("an update's times in the admin", () => {
  it("shows London wall time through the clock changes", () => {
    expect(shopWhen("2026-12-04T19:00:00.000Z")).toBe("Fri 4 Dec, 19:00");
    expect(shopWhen("2026-06-05T18:00:00.000Z")).toBe("Fri 5 Jun, 19:00");
  });

  it("says how far off a time is, rounded down", () => {
    expect(relativeTime("2026-12-04T19:00:00.000Z", NOW)).toBe("in 2 h");
    expect(relativeTime("2026-12-04T18:59:00.000Z", NOW)).toBe("in 1 h");
    expect(relativeTime("2026-12-04T17:35:30.000Z", NOW)).toBe("in 35 min");
    expect(relativeTime("2026-12-07T17:00:00.000Z", NOW)).toBe("in 3 days");
    expect(relativeTime("2026-12-04T16:55:00.000Z", NOW)).toBe("5 min ago");
  });

  it("words each state", () => {
    const base = { liveAt: "2026-12-04T19:00:00.000Z", closeAt: null, closedAt: null, cancelledAt: null };
    expect(updateTimeline({ ...base, state: "scheduled" }, NOW)).toBe("Goes live Fri 4 Dec, 19:00 (in 2 h)");
    expect(updateTimeline({ ...base, state: "live", closeAt: "2026-12-04T21:00:00.000Z" }, Date.parse("2026-12-04T20:00:00.000Z"))).toBe("Live since Fri 4 Dec, 19:00, closes Fri 4 Dec, 21:00 (in 1 h)");
    expect(updateTimeline({ ...base, state: "cancelled", cancelledAt: "2026-12-03T10:00:00.000Z" }, NOW)).toBe("Cancelled Thu 3 Dec, 10:00");
  });
});
