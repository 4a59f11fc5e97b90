import { describe, expect, it } from "vitest";
import { chartRows } from "./live-chart";

describe("chartRows", () => {
  it("puts sales and every reason's refusals of a minute on one row, minutes in order, London time", () => {
    const rows = chartRows({
      soldPerMinute: [{ minute: "2026-11-27T19:01", units: 5 }],
      refusalsPerMinute: [
        { minute: "2026-11-27T19:01", not_live: 0, limit_reached: 2, sold_out: 3, not_admitted: 4 },
        { minute: "2026-11-27T18:59", not_live: 40, limit_reached: 0, sold_out: 0, not_admitted: 1 },
      ],
    });
    expect(rows).toEqual([
      { label: "18:59", sold: 0, refused: 41 },
      { label: "19:01", sold: 5, refused: 9 },
    ]);
  });
});
