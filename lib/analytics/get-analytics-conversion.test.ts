// The conversion rate divides only what both counts saw: orders from before visits were first counted are left out.
import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { insertSale, insertSessions } from "@/tests/factories/analytics";
import { getAnalytics } from "./get-analytics";

// Wednesday 15 July 2026, 11:00 in London. `30d` is 16 June – 15 July.
const NOW = new Date("2026-07-15T10:00:00.000Z");

describe("the conversion rate when visit counting began after the orders did", () => {
  it("says there is not enough data (null) while no visit has been counted, however many orders were paid", async () => {
    await writeTransaction(async (tx) => {
      for (const day of ["2026-06-20", "2026-06-25", "2026-07-01", "2026-07-05"]) await insertSale(tx, { createdAt: `${day}T10:00:00.000Z`, total: 2000 });
    });
    const report = await getAnalytics(await db(), { range: "30d" }, { now: NOW });
    expect(report).toMatchObject({ visitsCountedFrom: null, orderCount: 4, sessions: 0, ordersSinceVisitsCounted: 0, conversionRate: null });
  });

  it("counts only the orders placed from the London midnight that began the first counted visit's day", async () => {
    await writeTransaction(async (tx) => {
      // 23:30 on 9 July in London (22:30 UTC): the day before counting began, left out.
      await insertSale(tx, { createdAt: "2026-07-09T22:30:00.000Z", total: 2000 });
      // 00:30 on 10 July in London, still 9 July in UTC: the first counted day, counted.
      await insertSale(tx, { createdAt: "2026-07-09T23:30:00.000Z", total: 2000 });
      await insertSale(tx, { createdAt: "2026-07-12T12:00:00.000Z", total: 2000 });
      await insertSessions(tx, "2026-07-10", 3);
      await insertSessions(tx, "2026-07-12", 5);
    });
    const report = await getAnalytics(await db(), { range: "30d" }, { now: NOW });
    // Seven paid orders in the range, but only two since 10 July: 2 ÷ 8, not 7 ÷ 8.
    expect(report).toMatchObject({ visitsCountedFrom: "2026-07-10", orderCount: 7, sessions: 8, ordersSinceVisitsCounted: 2, conversionRate: 0.25 });
    // The period before lies wholly before counting began: nothing to divide.
    expect(report.previous).toMatchObject({ sessions: 0, ordersSinceVisitsCounted: 0, conversionRate: null });
    expect(report.conversionRate).toBeLessThanOrEqual(1);
  });
});
