// Revenue nets out lost disputes: the report, its series and the dashboard, with disputes applied through the real webhook.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAdminOrder } from "@/tests/factories/admin-orders";
import { newStripeId } from "@/tests/factories/stripe-event";
import { buildDisputeEvent } from "@/tests/factories/stripe-dispute-event";
import { deliver } from "@/tests/factories/webhook";
import { getDashboard } from "./dashboard";
import { getAnalytics } from "./get-analytics";

// Wednesday 15 July 2026, 11:00 in London: `7d` is 9–15 July.
const NOW = new Date("2026-07-15T10:00:00.000Z");

async function disputedOrder(createdAt: string, finalStatus: "won" | "lost" | null, amount: number) {
  const paymentIntentId = newStripeId("pi");
  const order = await createAdminOrder({ paymentIntentId, createdAt, shippingTotal: 0 });
  const disputeId = newStripeId("du");
  expect((await deliver(buildDisputeEvent({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response", amount }))).status).toBe(200);
  if (finalStatus) expect((await deliver(buildDisputeEvent({ type: "charge.dispute.closed", disputeId, paymentIntentId, status: finalStatus, amount }))).status).toBe(200);
  return order;
}

describe("revenue net of lost disputes", () => {
  it("subtracts the amount of lost disputes of the period's orders, and only those", async () => {
    const lost = await disputedOrder("2026-07-14T09:00:00.000Z", "lost", 1500);
    const won = await disputedOrder("2026-07-14T10:00:00.000Z", "won", 2000);
    const open = await disputedOrder("2026-07-13T10:00:00.000Z", null, 700);
    // Lost, but the order was placed the week before: that period's revenue loses it, not this one's.
    const earlier = await disputedOrder("2026-07-05T10:00:00.000Z", "lost", 900);
    const gross = lost.total + won.total + open.total;

    const report = await getAnalytics(await db(), { range: "7d" }, { now: NOW });
    expect(report.orderCount).toBe(3);
    expect(report.revenue).toBe(gross - 1500);
    expect(report.previous.revenue).toBe(earlier.total - 900);
    expect(report.series.find((point) => point.key === "2026-07-14")?.revenue).toBe(lost.total + won.total - 1500);
    expect(report.series.find((point) => point.key === "2026-07-13")?.revenue).toBe(open.total);
    expect(report.series.reduce((sum, point) => sum + point.revenue, 0)).toBe(report.revenue);

    const dashboard = await getDashboard(await db(), { now: new Date("2026-07-14T12:00:00.000Z") });
    expect(dashboard.today.revenue).toBe(lost.total + won.total - 1500);
    expect(dashboard.week.revenue).toBe(gross - 1500);
  });
});
