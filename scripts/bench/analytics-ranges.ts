// Times the analytics report (getAnalytics, as the admin page runs it) for each range, in this process.
import { analyticsQuery, type AnalyticsQuery } from "@/lib/analytics/analytics-range";
import { getAnalytics } from "@/lib/analytics/get-analytics";
import { addDays, shopDayOf } from "@/lib/shop-calendar";
import { statementCount, type Db } from "@/lib/db";

export type AnalyticsTiming = { label: string; medianMs: number; maxMs: number; statements: number; orders: number };

function ranges(): { label: string; query: AnalyticsQuery }[] {
  const today = shopDayOf(new Date());
  return [
    { label: "7d", query: analyticsQuery.parse({ range: "7d" }) },
    { label: "30d", query: analyticsQuery.parse({ range: "30d" }) },
    { label: "90d", query: analyticsQuery.parse({ range: "90d" }) },
    { label: "all", query: analyticsQuery.parse({ range: "all" }) },
    { label: "custom 365 days", query: analyticsQuery.parse({ range: "custom", from: addDays(today, -364), to: today }) },
  ];
}

/** `runs` timed reports per range after one warm-up; the median, the slowest and the statements of one. */
export async function measureAnalytics(read: Db, runs: number): Promise<AnalyticsTiming[]> {
  const timings: AnalyticsTiming[] = [];
  for (const { label, query } of ranges()) {
    await getAnalytics(read, query);
    const times: number[] = [];
    let statements = 0;
    let orders = 0;
    for (let run = 0; run < runs; run += 1) {
      const before = statementCount();
      const startedAt = performance.now();
      const report = await getAnalytics(read, query);
      times.push(performance.now() - startedAt);
      statements = statementCount() - before;
      orders = report.orderCount;
    }
    times.sort((a, b) => a - b);
    timings.push({ label, medianMs: times[Math.floor(times.length / 2)]!, maxMs: times.at(-1)!, statements, orders });
  }
  return timings;
}
