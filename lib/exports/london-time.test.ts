import { describe, expect, it } from "vitest";
import { londonDateTime } from "./london-time";

describe("London wall-clock time for spreadsheets", () => {
  it("shows GMT in winter, BST in summer, and the hours around both clock changes", () => {
    expect(londonDateTime("2026-01-15T09:30:00.000Z")).toBe("2026-01-15 09:30");
    expect(londonDateTime("2026-07-31T22:59:59.999Z")).toBe("2026-07-31 23:59");
    expect(londonDateTime("2026-07-31T23:00:00.000Z")).toBe("2026-08-01 00:00");
    expect(londonDateTime("2026-03-29T00:59:00.000Z")).toBe("2026-03-29 00:59");
    expect(londonDateTime("2026-03-29T01:00:00.000Z")).toBe("2026-03-29 02:00");
    expect(londonDateTime("2026-10-25T00:30:00.000Z")).toBe("2026-10-25 01:30");
    expect(londonDateTime("2026-10-25T01:30:00.000Z")).toBe("2026-10-25 01:30");
    expect(londonDateTime(null)).toBe("");
  });
});
