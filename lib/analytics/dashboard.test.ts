import { beforeEach, describe, expect, it } from "vitest";
import { db, statementCount, writeTransaction } from "@/lib/db";
import { saveSettings } from "@/lib/settings";
import { clearDashboardTables } from "@/tests/factories/clear-tables";
import { createEmailRow } from "@/tests/factories/email";
import { createOrderEvent, createOrderRow } from "@/tests/factories/order";
import { createReservation } from "@/tests/factories/checkout";
import { createVariant } from "@/tests/factories/product";
import { startOfShopDayAt as startOfLocalDay, startOfShopWeekAt as startOfLocalWeek } from "@/lib/shop-calendar";
import { getDashboard } from "./dashboard";

// Wednesday 15 July 2026, 11:00 in London (BST, UTC+1).
const NOW = new Date("2026-07-15T10:00:00.000Z");

beforeEach(async () => {
  await writeTransaction(async (tx) => {
    await clearDashboardTables(tx);
    await saveSettings(tx, { lowStockThreshold: 5, currency: "GBP" });
  });
});

async function dashboardWithCount() {
  const read = await db();
  const before = statementCount();
  const dashboard = await getDashboard(read, { now: NOW });
  return { dashboard, statements: statementCount() - before };
}

describe("the shop's day and week", () => {
  it("start at midnight in London, on Mondays, across the clock changes", () => {
    expect(startOfLocalDay(NOW).toISOString()).toBe("2026-07-14T23:00:00.000Z");
    expect(startOfLocalWeek(NOW).toISOString()).toBe("2026-07-12T23:00:00.000Z");
    // The day the clocks go forward began on GMT; the next one on BST.
    expect(startOfLocalDay(new Date("2026-03-29T12:00:00.000Z")).toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(startOfLocalDay(new Date("2026-03-30T12:00:00.000Z")).toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(startOfLocalWeek(new Date("2026-03-31T08:00:00.000Z")).toISOString()).toBe("2026-03-29T23:00:00.000Z");
    // The day the clocks go back began on BST.
    expect(startOfLocalDay(new Date("2026-10-25T12:00:00.000Z")).toISOString()).toBe("2026-10-24T23:00:00.000Z");
    // A Sunday belongs to the week that began the Monday before.
    expect(startOfLocalWeek(new Date("2026-07-19T21:00:00.000Z")).toISOString()).toBe("2026-07-12T23:00:00.000Z");
    // Another zone, for a shop elsewhere.
    expect(startOfLocalDay(NOW, "America/New_York").toISOString()).toBe("2026-07-15T04:00:00.000Z");
  });
});

describe("the admin dashboard", () => {
  it("shows an empty shop as zeros and empty lists", async () => {
    const { dashboard } = await dashboardWithCount();
    expect(dashboard).toMatchObject({
      currency: "GBP",
      timeZone: "Europe/London",
      today: { orders: 0, revenue: 0 },
      week: { orders: 0, revenue: 0 },
      attention: { total: 0, orders: [] },
      lowStock: { threshold: 5, total: 0, variants: [] },
      failedEmails: { total: 0, emails: [] },
      recentOrders: [],
    });
  });

  it("counts paid orders and their net revenue for today and this week, in the shop's time", async () => {
    await createOrderRow({ createdAt: "2026-07-15T09:00:00.000Z", total: 2500 }); // today
    await createOrderRow({ createdAt: "2026-07-14T23:30:00.000Z", total: 1000 }); // 00:30 today in London
    await createOrderRow({ createdAt: "2026-07-15T08:00:00.000Z", total: 3000, amountRefunded: 500, paymentStatus: "partially_refunded" });
    await createOrderRow({ createdAt: "2026-07-14T22:30:00.000Z", total: 4000 }); // yesterday evening
    await createOrderRow({ createdAt: "2026-07-12T23:30:00.000Z", total: 700 }); // Monday 00:30
    await createOrderRow({ createdAt: "2026-07-12T22:30:00.000Z", total: 9999 }); // last Sunday, 23:30
    await createOrderRow({ createdAt: "2026-07-15T09:30:00.000Z", total: 1234, paymentStatus: "pending", status: "pending" });
    await createOrderRow({ createdAt: "2026-07-15T09:30:00.000Z", total: 1234, paymentStatus: "refunded", status: "refunded", amountRefunded: 1234 });
    await createOrderRow({ createdAt: "2026-07-15T09:30:00.000Z", total: 1234, paymentStatus: "failed", status: "cancelled" });
    await createOrderRow({ createdAt: "2026-07-15T09:30:00.000Z", total: 1234, currency: "EUR" }); // not the shop's currency
    const { dashboard } = await dashboardWithCount();
    expect(dashboard.today).toEqual({ orders: 3, revenue: 2500 + 1000 + 2500 });
    expect(dashboard.week).toEqual({ orders: 5, revenue: 6000 + 4000 + 700 });
  });

  it("lists held orders with the reason from their events, longest-waiting first", async () => {
    const ids = await (async () => {
      const shortfall = await createOrderRow({ status: "on_hold", createdAt: "2026-07-14T08:00:00.000Z" });
      // The webhook writes the cause and the status change in the same moment: the cause is the reason.
      await createOrderEvent(shortfall.id, { type: "paid", createdAt: "2026-07-14T08:00:00.000Z" });
      await createOrderEvent(shortfall.id, {
        type: "stock_shortfall",
        message: "Heather / 4ply: 2 ordered, 0 left",
        createdAt: "2026-07-14T08:00:01.000Z",
      });
      await createOrderEvent(shortfall.id, {
        type: "status_changed",
        message: "Order put on hold",
        createdAt: "2026-07-14T08:00:01.000Z",
        data: { from: "processing", to: "on_hold" },
      });
      await createOrderEvent(shortfall.id, { type: "email_sent", message: "Confirmation sent", createdAt: "2026-07-14T09:00:00.000Z" });

      const ownerHold = await createOrderRow({ status: "on_hold", createdAt: "2026-07-13T08:00:00.000Z" });
      await createOrderEvent(ownerHold.id, { type: "discount_limit_exceeded", message: "WELCOME10 over its limit", createdAt: "2026-07-13T08:00:00.000Z" });
      await createOrderEvent(ownerHold.id, {
        type: "status_changed",
        message: "Customer asked us to wait for the matching skein",
        createdAt: "2026-07-14T10:00:00.000Z",
        data: { from: "processing", to: "on_hold" },
      });

      const silent = await createOrderRow({ status: "on_hold", createdAt: "2026-07-15T07:00:00.000Z" });
      const notHeld = await createOrderRow({ status: "processing", createdAt: "2026-07-10T07:00:00.000Z" });
      await createOrderEvent(notHeld.id, { type: "stock_shortfall", message: "resolved", createdAt: "2026-07-10T07:00:00.000Z" });
      return { shortfall, ownerHold, silent };
    })();

    const { dashboard } = await dashboardWithCount();
    expect(dashboard.attention.total).toBe(3);
    expect(dashboard.attention.orders.map((order) => [order.orderNumber, order.reason?.type ?? null, order.reason?.message ?? null])).toEqual([
      [ids.ownerHold.orderNumber, "status_changed", "Customer asked us to wait for the matching skein"],
      [ids.shortfall.orderNumber, "stock_shortfall", "Heather / 4ply: 2 ordered, 0 left"],
      [ids.silent.orderNumber, null, null],
    ]);
  });

  it("lists variants at or below the low-stock threshold by what shoppers can still buy", async () => {
    const later = new Date(NOW.getTime() + 30 * 60_000).toISOString();
    const earlier = new Date(NOW.getTime() - 60_000).toISOString();
    const skus = await (async () => {
      const three = await createVariant({ name: "Bracken DK", stock: 3 });
      const soldOut = await createVariant({ name: "Ember Aran", stock: 0 });
      const reserved = await createVariant({ name: "Loch Sock", stock: 10 });
      await createReservation({ variantId: reserved.variantId, quantity: 6, expiresAt: later });
      const expiredHold = await createVariant({ name: "Fog Lace", stock: 10 });
      await createReservation({ variantId: expiredHold.variantId, quantity: 8, expiresAt: earlier });
      await createVariant({ name: "Plenty Chunky", stock: 6 });
      await createVariant({ name: "Hidden", stock: 0, isActive: false });
      await createVariant({ name: "Old", stock: 0, productStatus: "archived" });
      return { three: three.sku, soldOut: soldOut.sku, reserved: reserved.sku };
    })();

    const { dashboard } = await dashboardWithCount();
    expect(dashboard.lowStock.total).toBe(3);
    expect(dashboard.lowStock.variants.map((variant) => [variant.sku, variant.stock, variant.reserved, variant.available])).toEqual([
      [skus.soldOut, 0, 0, 0],
      [skus.three, 3, 0, 3],
      [skus.reserved, 10, 6, 4],
    ]);

    await writeTransaction((tx) => saveSettings(tx, { lowStockThreshold: 0 }));
    const stricter = await getDashboard(await db(), { now: NOW });
    expect(stricter.lowStock.variants.map((variant) => variant.sku)).toEqual([skus.soldOut]);
  });

  it("lists failed emails newest first, with their order and error", async () => {
    const order = await createOrderRow();
    await createEmailRow({ status: "failed", orderId: order.id, subject: "Older failure", lastError: "550 mailbox unavailable", attempts: 5, updatedAt: "2026-07-14T10:00:00.000Z" });
    await createEmailRow({ status: "failed", subject: "Newer failure", lastError: "timeout", updatedAt: "2026-07-15T09:00:00.000Z" });
    await createEmailRow({ status: "sent", subject: "Delivered fine" });
    await createEmailRow({ status: "pending", subject: "Still trying" });
    const { dashboard } = await dashboardWithCount();
    expect(dashboard.failedEmails.total).toBe(2);
    expect(dashboard.failedEmails.emails.map((email) => [email.subject, email.lastError, email.orderNumber === null])).toEqual([
      ["Newer failure", "timeout", true],
      ["Older failure", "550 mailbox unavailable", false],
    ]);
  });

  it("lists the most recent orders, newest first, whatever their state", async () => {
    for (let day = 1; day <= 10; day += 1) {
      await createOrderRow({ createdAt: `2026-07-${String(day).padStart(2, "0")}T12:00:00.000Z`, status: day === 10 ? "pending" : "delivered" });
    }
    const { dashboard } = await dashboardWithCount();
    expect(dashboard.recentOrders).toHaveLength(8);
    expect(dashboard.recentOrders[0]).toMatchObject({ createdAt: "2026-07-10T12:00:00.000Z", status: "pending" });
    expect(dashboard.recentOrders.at(-1)?.createdAt).toBe("2026-07-03T12:00:00.000Z");
  });

  it("reads a busy shop in the same six statements as an empty one", async () => {
    const empty = await dashboardWithCount();
    for (let i = 0; i < 30; i += 1) {
      const order = await createOrderRow({ status: i % 3 === 0 ? "on_hold" : "processing", createdAt: NOW.toISOString() });
      await createOrderEvent(order.id, { type: "stock_shortfall", message: `short ${i}` });
      await createEmailRow({ status: "failed", orderId: order.id });
      await createVariant({ stock: i % 4 });
    }
    const busy = await dashboardWithCount();
    expect(empty.statements).toBe(6);
    expect(busy.statements).toBe(6);
    expect(busy.dashboard.attention.total).toBe(10);
    expect(busy.dashboard.failedEmails.total).toBe(30);
    expect(busy.dashboard.lowStock.total).toBe(30);
  });
});
