import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { getDashboard } from "./dashboard";

const ANCHOR = new Date("2026-07-15T10:00:00.000Z");

describe("the dashboard on the demo shop", () => {
  it("shows the seeded held orders with their stock reason, the failed email, and the nearly sold-out yarn", async () => {
    await seedDemoData({ anchor: ANCHOR });
    const dashboard = await getDashboard(await db(), { now: ANCHOR });

    expect(dashboard.attention.total).toBe(2);
    for (const order of dashboard.attention.orders) {
      expect(order.reason).toMatchObject({ type: "stock_shortfall", message: "Stock ran out while the payment was being taken." });
    }
    expect(dashboard.failedEmails.total).toBe(1);
    expect(dashboard.failedEmails.emails[0]?.lastError).toBe("Recipient mailbox unavailable (550)");
    expect(dashboard.lowStock.total).toBeGreaterThan(0);
    expect(dashboard.lowStock.variants.every((variant) => variant.available <= dashboard.lowStock.threshold)).toBe(true);
    expect(dashboard.recentOrders).toHaveLength(8);
    expect(dashboard.week.orders).toBeGreaterThan(0);
    expect(dashboard.week.revenue).toBeGreaterThan(0);
  });
});
