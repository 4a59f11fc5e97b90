import { describe, expect, it } from "vitest";
import { normaliseTimestamp } from "./time";

describe("normaliseTimestamp", () => {
  it("turns SQLite's and offset forms into the one format", () => {
    expect(normaliseTimestamp("2026-01-02 03:04:05")).toBe("2026-01-02T03:04:05.000Z");
    expect(normaliseTimestamp("2026-07-01T10:00:00+01:00")).toBe("2026-07-01T09:00:00.000Z");
  });

  it("refuses a time an offset carries out of four-digit years, instead of storing '+010000-…'", () => {
    expect(normaliseTimestamp("9999-12-31 23:00:00-05:00")).toBeNull();
    expect(normaliseTimestamp("0000-01-01 00:30:00+01:00")).toBeNull();
    expect(normaliseTimestamp("9999-12-31 23:00:00Z")).toBe("9999-12-31T23:00:00.000Z");
  });

  it("keeps a timestamp already in the one format, and refuses a day its month does not have in either form", () => {
    expect(normaliseTimestamp("2026-12-06T17:05:00.123Z")).toBe("2026-12-06T17:05:00.123Z");
    expect(normaliseTimestamp("2024-02-29T12:00:00.000Z")).toBe("2024-02-29T12:00:00.000Z");
    expect(normaliseTimestamp("2026-02-31T00:00:00.000Z")).toBeNull();
    expect(normaliseTimestamp("2026-02-29 10:00:00")).toBeNull();
    expect(normaliseTimestamp("2026-13-01T00:00:00.000Z")).toBeNull();
    expect(normaliseTimestamp(" 2026-12-06T17:05:00.123Z ")).toBe("2026-12-06T17:05:00.123Z");
  });
});
