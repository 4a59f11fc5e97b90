import type { InStatement } from "@libsql/client";
import { beforeAll, describe, expect, it } from "vitest";
import { db, wrapClient, writeTransaction } from "@/lib/db";
import { openClient } from "@/lib/db/client";
import { insertCheckoutRow, insertProduct, insertSale, insertSessions } from "@/tests/factories/analytics";
import { getAnalytics } from "./get-analytics";

// Wednesday 15 July 2026, 11:00 in London (BST, UTC+1). `7d` is 9–15 July: from 2026-07-08T23:00Z to 2026-07-15T23:00Z.
const NOW = new Date("2026-07-15T10:00:00.000Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

beforeAll(async () => {
  await writeTransaction(async (tx) => {
    const moss = await insertProduct(tx, "Moss Merino");
    const heather = await insertProduct(tx, "Heather DK");
    const bramble = await insertProduct(tx, "Bramble Sock");
    const mossLine = (quantity: number) => ({ productId: moss, name: "Moss Merino", sku: "MOSS-4PLY", unitPrice: 2500, quantity });
    const heatherLine = (quantity: number) => ({ productId: heather, name: "Heather DK", sku: "HEATHER-DK", unitPrice: 1000, quantity });

    // This week. 01:30 BST on 9 July: in the period although its UTC date is the 9th.
    await insertSale(tx, { createdAt: "2026-07-09T00:30:00.000Z", total: 5000, discountCode: "SUMMER10", discountTotal: 500, lines: [mossLine(2), heatherLine(1)] });
    // 00:30 BST on 9 July, still 8 July in UTC: in the period. Partly refunded, so it counts net.
    await insertSale(tx, { createdAt: "2026-07-08T23:30:00.000Z", total: 3000, paymentStatus: "partially_refunded", amountRefunded: 1000, lines: [heatherLine(3)] });
    // The last millisecond of 15 July in London. Two variants of one product: no single sku.
    await insertSale(tx, {
      createdAt: "2026-07-15T22:59:59.999Z",
      total: 1500,
      lines: [
        { productId: bramble, name: "Bramble Sock", sku: "BRAMBLE-A", unitPrice: 500, quantity: 1 },
        { productId: bramble, name: "Bramble Sock", sku: "BRAMBLE-B", unitPrice: 500, quantity: 2 },
      ],
    });
    // Fully refunded: no sale, but its refund is reported.
    await insertSale(tx, { createdAt: "2026-07-10T12:00:00.000Z", total: 4000, paymentStatus: "refunded", amountRefunded: 4000, lines: [mossLine(2)] });
    // Never paid, another currency, and 16 July in London: none of them count.
    await insertSale(tx, { createdAt: "2026-07-10T13:00:00.000Z", total: 7000, paymentStatus: "pending", lines: [mossLine(1)] });
    await insertSale(tx, { createdAt: "2026-07-11T09:00:00.000Z", total: 6000, currency: "EUR", lines: [mossLine(1)] });
    await insertSale(tx, { createdAt: "2026-07-15T23:00:00.000Z", total: 9999, lines: [mossLine(1)] });

    // The week before (2–8 July): 23:59:59.999 BST on 8 July is the previous period's last moment.
    await insertSale(tx, { createdAt: "2026-07-08T22:59:59.999Z", total: 2000, lines: [mossLine(1)] });
    await insertSale(tx, { createdAt: "2026-07-02T10:00:00.000Z", total: 1000, discountCode: "SUMMER10", discountTotal: 100, lines: [heatherLine(1)] });

    await insertSessions(tx, "2026-07-09", 2);
    await insertSessions(tx, "2026-07-12", 3);
    await insertSessions(tx, "2026-07-15", 1);
    await insertSessions(tx, "2026-07-16", 4);
    await insertSessions(tx, "2026-07-08", 1);

    // Cart 1 reopened its checkout and paid; 2 let it expire; 3 is paying now; 4 lapsed before the cron marked it; 5 was declined.
    await insertCheckoutRow(tx, { cartId: "cart-1", status: "replaced", createdAt: "2026-07-09T10:00:00.000Z", expiresAt: "2026-07-09T10:35:00.000Z" });
    await insertCheckoutRow(tx, { cartId: "cart-1", status: "completed", createdAt: "2026-07-09T10:05:00.000Z", expiresAt: "2026-07-09T10:40:00.000Z" });
    await insertCheckoutRow(tx, { cartId: "cart-2", status: "expired", createdAt: "2026-07-10T10:00:00.000Z", expiresAt: "2026-07-10T10:35:00.000Z" });
    await insertCheckoutRow(tx, { cartId: "cart-3", status: "open", createdAt: later(-5), expiresAt: later(30) });
    await insertCheckoutRow(tx, { cartId: "cart-4", status: "open", createdAt: "2026-07-14T08:00:00.000Z", expiresAt: "2026-07-14T08:35:00.000Z" });
    await insertCheckoutRow(tx, { cartId: "cart-5", status: "failed", createdAt: "2026-07-13T08:00:00.000Z", expiresAt: "2026-07-13T08:35:00.000Z" });
  });
});

describe("getAnalytics", () => {
  it("reports the last 7 shop days: paid orders net of refunds, conversion, refunds and discounts", async () => {
    const report = await getAnalytics(await db(), { range: "7d" }, { now: NOW });
    expect(report).toMatchObject({
      range: "7d",
      visitsCountedFrom: "2026-07-08",
      timeZone: "Europe/London",
      currency: "GBP",
      from: "2026-07-09",
      to: "2026-07-15",
      days: 7,
      startsAt: "2026-07-08T23:00:00.000Z",
      endsAt: "2026-07-15T23:00:00.000Z",
      bucket: "day",
      revenue: 5000 + (3000 - 1000) + 1500,
      orderCount: 3,
      averageOrderValue: 2833,
      sessions: 6,
      ordersSinceVisitsCounted: 3,
      conversionRate: 0.5,
      checkoutsStarted: 5,
      checkoutConversionRate: 0.6,
      abandonedCheckouts: 3,
      refunded: { orders: 2, amount: 5000 },
      discountUsage: { orders: 1, amount: 500, codes: [{ code: "SUMMER10", orders: 1, amount: 500 }] },
    });
  });

  it("ranks best sellers by item revenue and by units, naming a sku only for a single-variant sale", async () => {
    const { topProducts } = await getAnalytics(await db(), { range: "7d" }, { now: NOW });
    expect(topProducts.byRevenue).toEqual([
      { name: "Moss Merino", sku: "MOSS-4PLY", quantity: 2, revenue: 5000 },
      { name: "Heather DK", sku: "HEATHER-DK", quantity: 4, revenue: 4000 },
      { name: "Bramble Sock", quantity: 3, revenue: 1500 },
    ]);
    expect(topProducts.byQuantity.map((product) => [product.name, product.quantity])).toEqual([
      ["Heather DK", 4],
      ["Bramble Sock", 3],
      ["Moss Merino", 2],
    ]);
  });

  it("gives a point for every shop day, empty days included", async () => {
    const { series } = await getAnalytics(await db(), { range: "7d" }, { now: NOW });
    expect(series).toEqual([
      { key: "2026-07-09", startsAt: "2026-07-08T23:00:00.000Z", orders: 2, revenue: 7000 },
      { key: "2026-07-10", startsAt: "2026-07-09T23:00:00.000Z", orders: 0, revenue: 0 },
      { key: "2026-07-11", startsAt: "2026-07-10T23:00:00.000Z", orders: 0, revenue: 0 },
      { key: "2026-07-12", startsAt: "2026-07-11T23:00:00.000Z", orders: 0, revenue: 0 },
      { key: "2026-07-13", startsAt: "2026-07-12T23:00:00.000Z", orders: 0, revenue: 0 },
      { key: "2026-07-14", startsAt: "2026-07-13T23:00:00.000Z", orders: 0, revenue: 0 },
      { key: "2026-07-15", startsAt: "2026-07-14T23:00:00.000Z", orders: 1, revenue: 1500 },
    ]);
  });

  it("compares with the 7 days before, computed the same way", async () => {
    const { previous } = await getAnalytics(await db(), { range: "7d" }, { now: NOW });
    expect(previous).toMatchObject({
      from: "2026-07-02",
      to: "2026-07-08",
      startsAt: "2026-07-01T23:00:00.000Z",
      endsAt: "2026-07-08T23:00:00.000Z",
      revenue: 3000,
      orderCount: 2,
      averageOrderValue: 1500,
      sessions: 1,
      // Visits were first counted on 8 July: the order of 2 July has no visit to be divided by.
      ordersSinceVisitsCounted: 1,
      conversionRate: 1,
      checkoutsStarted: 0,
      checkoutConversionRate: null,
      abandonedCheckouts: 0,
      refunded: { orders: 0, amount: 0 },
      discountUsage: { orders: 1, amount: 100, codes: [{ code: "SUMMER10", orders: 1, amount: 100 }] },
    });
    expect(previous.series.map((point) => point.orders)).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it("takes a custom range of whole shop days, both ends included", async () => {
    const report = await getAnalytics(await db(), { range: "custom", from: "2026-07-09", to: "2026-07-09" }, { now: NOW });
    expect(report).toMatchObject({ days: 1, orderCount: 2, revenue: 7000, sessions: 2 });
    expect(report.previous).toMatchObject({ from: "2026-07-08", to: "2026-07-08", orderCount: 1, revenue: 2000, sessions: 1 });
  });

  it("starts `all` on the first order's shop day and reports weeks once a range is long", async () => {
    const all = await getAnalytics(await db(), { range: "all" }, { now: NOW });
    expect(all).toMatchObject({ from: "2026-07-02", to: "2026-07-15", orderCount: 5, revenue: 11500 });
    const long = await getAnalytics(await db(), { range: "custom", from: "2026-01-01", to: "2026-07-15" }, { now: NOW });
    expect(long.bucket).toBe("week");
    // Thursday 1 January is a clipped first week; then weeks from Monday.
    expect(long.series.slice(0, 2).map((point) => point.key)).toEqual(["2026-01-01", "2026-01-05"]);
    expect(long.series.at(-1)).toEqual({ key: "2026-07-13", startsAt: "2026-07-12T23:00:00.000Z", orders: 1, revenue: 1500 });
    expect(long.series.find((point) => point.key === "2026-07-06")).toMatchObject({ orders: 3, revenue: 2000 + 5000 + 2000 });
    expect(long.series.reduce((sum, point) => sum + point.revenue, 0)).toBe(long.revenue);
  });

  it("answers a new shop with zeros and nulls, not errors", async () => {
    const report = await getAnalytics(await db(), { range: "30d" }, { now: new Date("2020-03-01T12:00:00.000Z") });
    expect(report).toMatchObject({
      revenue: 0,
      orderCount: 0,
      averageOrderValue: null,
      conversionRate: null,
      checkoutConversionRate: null,
      topProducts: { byRevenue: [], byQuantity: [] },
    });
    expect(report.series).toHaveLength(30);
  });

  it("reads orders, items, checkouts and sessions through indexes, never a scan of their tables", async () => {
    // A client of its own that asks SQLite for the plan of every statement the report runs.
    const client = await openClient({ url: process.env.DATABASE_URL! });
    const plans: string[] = [];
    const explain = async (statement: InStatement) => {
      const query = typeof statement === "string" ? { sql: statement, args: [] } : statement;
      const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.args ?? [] } as InStatement);
      plans.push(plan.rows.map((row) => String(row.detail)).join("\n"));
    };
    const explaining = new Proxy(client, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        if (property === "execute") {
          return async (statement: InStatement) => {
            await explain(statement);
            return target.execute(statement);
          };
        }
        if (property === "batch") {
          return async (statements: InStatement[], mode?: Parameters<typeof target.batch>[1]) => {
            for (const statement of statements) await explain(statement);
            return target.batch(statements, mode);
          };
        }
        return value.bind(target);
      },
    });
    try {
      await getAnalytics(wrapClient(explaining), { range: "90d" }, { now: NOW });
    } finally {
      client.close();
    }
    const details = plans.join("\n");
    expect(plans.length).toBeGreaterThanOrEqual(13);
    expect(details).toMatch(/SEARCH o USING COVERING INDEX orders_analytics_idx \(created_at>\? AND created_at<\?\)/);
    expect(details).toMatch(/SEARCH oi USING COVERING INDEX order_items_analytics_idx \(order_id=\?\)/);
    expect(details).toMatch(/USING COVERING INDEX checkouts_created_status_idx \(created_at>\? AND created_at<\?\)/);
    expect(details).toMatch(/storefront_sessions USING COVERING INDEX storefront_sessions_day_idx/);
    for (const table of ["orders", "o", "order_items", "oi", "checkouts", "storefront_sessions"]) {
      expect(details, table).not.toMatch(new RegExp(`SCAN ${table}(\\n|$| USING (?!COVERING INDEX))`));
    }
  });

  it("puts winter orders on the right side of a GMT midnight", async () => {
    await writeTransaction(async (tx) => {
      await insertSale(tx, { createdAt: "2027-01-14T23:59:59.999Z", total: 1100 });
      await insertSale(tx, { createdAt: "2027-01-15T00:00:00.000Z", total: 2200 });
    });
    const winter = await getAnalytics(await db(), { range: "custom", from: "2027-01-15", to: "2027-01-15" }, { now: NOW });
    expect(winter).toMatchObject({ startsAt: "2027-01-15T00:00:00.000Z", endsAt: "2027-01-16T00:00:00.000Z", orderCount: 1, revenue: 2200 });
    expect(winter.previous).toMatchObject({ from: "2027-01-14", orderCount: 1, revenue: 1100 });
  });
});
