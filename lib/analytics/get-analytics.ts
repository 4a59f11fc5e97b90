// The analytics report: sales, conversion, refunds, discounts, best sellers and a time series for a
// period and the equally long period before it, every figure aggregated by SQL over an index.
import { sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db";
import type { PaymentStatus } from "@/lib/db/schema";
import { getSettings } from "@/lib/settings";
import { lostDisputeAmount } from "./lost-disputes";
import { resolvePeriods, type AnalyticsQuery, type Period, type RangeKey } from "./analytics-range";
import { shopDayOf, startOfShopDay } from "@/lib/shop-calendar";
import { SHOP_FIRST_DAY } from "@/lib/shop-day-input";

/** A sale is an order whose money arrived; a partial refund still leaves a sale, a full one does not. */
const SALE_STATUSES: readonly PaymentStatus[] = ["paid", "partially_refunded"];
/** Orders whose money arrived at some point, fully refunded ones included: where refunds are found. */
const EVER_PAID_STATUSES: readonly PaymentStatus[] = [...SALE_STATUSES, "refunded"];

/** Typed statuses as an SQL list (constants, so inlined: the planner sees them like literals). */
const paymentStatusIn = (statuses: readonly PaymentStatus[], table?: string) =>
  sql.raw(`${table ? `${table}.` : ""}payment_status IN (${statuses.map((status) => `'${status}'`).join(",")})`);
const SALE = paymentStatusIn(SALE_STATUSES);
const EVER_PAID = paymentStatusIn(EVER_PAID_STATUSES);

export const TOP_PRODUCT_LIMIT = 5;
export const DISCOUNT_CODE_LIMIT = 10;

export type TopProduct = { name: string; sku?: string; quantity: number; revenue: number };
export type SeriesPoint = { key: string; startsAt: string; orders: number; revenue: number };

export type PeriodFigures = {
  from: string;
  to: string;
  days: number;
  startsAt: string;
  endsAt: string;
  bucket: "day" | "week";
  /** Paid orders net of refunds, minor units. */
  revenue: number;
  orderCount: number;
  /** revenue ÷ orderCount, rounded to a whole minor unit; null without orders. */
  averageOrderValue: number | null;
  sessions: number;
  checkoutsStarted: number;
  /**
   * Paid orders placed since visits began to be counted (`visitsCountedFrom`), the conversion
   * rate's numerator: an order from before the first counted visit has no visit to be divided by.
   */
  ordersSinceVisitsCounted: number;
  /** ordersSinceVisitsCounted ÷ storefront sessions; null without sessions (not enough data). */
  conversionRate: number | null;
  /** Paid orders ÷ checkouts started; null without checkouts. */
  checkoutConversionRate: number | null;
  abandonedCheckouts: number;
  refunded: { orders: number; amount: number };
  discountUsage: { orders: number; amount: number; codes: { code: string; orders: number; amount: number }[] };
  topProducts: { byRevenue: TopProduct[]; byQuantity: TopProduct[] };
  series: SeriesPoint[];
};

export type AnalyticsReport = PeriodFigures & {
  range: RangeKey;
  /** The shop day of the first counted storefront visit, or null when none has been counted yet. */
  visitsCountedFrom: string | null;
  timeZone: string;
  currency: string;
  previous: PeriodFigures;
};

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const num = (value: unknown) => Number(value ?? 0);

/** `created_at` inside the period: a range scan on the leading column of the analytics indexes. */
const within = (period: { startsAt: string; endsAt: string }) => sql`created_at >= ${period.startsAt} AND created_at < ${period.endsAt}`;

type Row = Record<string, unknown>;
/** One statement of the report and how its rows become a figure. */
type Statement<T> = { query: SQL; read: (rows: Row[]) => T };

/**
 * `visitsCountedFrom` is the instant visit counting began (null: never): orders before it are left
 * out of `ordersSinceVisitsCounted`, so the conversion rate divides only what both counts saw.
 */
function salesFigures(period: Period, currency: string, visitsCountedFrom: string | null): Statement<{
  orders: number;
  ordersSinceVisitsCounted: number;
  revenue: number;
  refunded: { orders: number; amount: number };
  discount: { orders: number; amount: number };
}> {
  return {
    query: sql`
      SELECT
        coalesce(sum(CASE WHEN ${SALE} THEN 1 ELSE 0 END), 0) AS orders,
        coalesce(sum(CASE WHEN ${SALE} AND created_at >= ${visitsCountedFrom ?? period.endsAt} THEN 1 ELSE 0 END), 0) AS orders_since_visits_counted,
        coalesce(sum(CASE WHEN ${SALE} THEN total - amount_refunded ELSE 0 END), 0)
          - ${lostDisputeAmount({ startsAt: period.startsAt, endsAt: period.endsAt, currency, paymentStatuses: SALE_STATUSES })} AS revenue,
        coalesce(sum(CASE WHEN amount_refunded > 0 THEN 1 ELSE 0 END), 0) AS refunded_orders,
        coalesce(sum(amount_refunded), 0) AS refunded_amount,
        coalesce(sum(CASE WHEN ${SALE} AND discount_code IS NOT NULL THEN 1 ELSE 0 END), 0) AS discount_orders,
        coalesce(sum(CASE WHEN ${SALE} AND discount_code IS NOT NULL THEN discount_total ELSE 0 END), 0) AS discount_amount
      FROM orders
      WHERE ${within(period)} AND currency = ${currency} AND ${EVER_PAID}`,
    read: ([row]) => ({
      orders: num(row?.orders),
      ordersSinceVisitsCounted: num(row?.orders_since_visits_counted),
      revenue: num(row?.revenue),
      refunded: { orders: num(row?.refunded_orders), amount: num(row?.refunded_amount) },
      discount: { orders: num(row?.discount_orders), amount: num(row?.discount_amount) },
    }),
  };
}

function discountCodes(period: Period, currency: string): Statement<{ code: string; orders: number; amount: number }[]> {
  return {
    query: sql`
      SELECT discount_code AS code, count(*) AS orders, sum(discount_total) AS amount
      FROM orders
      WHERE ${within(period)} AND currency = ${currency} AND ${SALE} AND discount_code IS NOT NULL
      GROUP BY discount_code ORDER BY orders DESC, amount DESC, code LIMIT ${DISCOUNT_CODE_LIMIT}`,
    read: (rows) => rows.map((row) => ({ code: String(row.code), orders: num(row.orders), amount: num(row.amount) })),
  };
}

/**
 * A shopper who reopens checkout replaces their earlier checkout of the same cart, so replaced
 * checkouts are not counted as started. A checkout is abandoned when it ended without payment:
 * expired, failed, or still open past its expiry (the cleanup cron may not have marked it yet).
 * One pass over the index, no grouping: this stays fast at hundreds of thousands of checkouts.
 */
function checkoutFigures(period: Period, now: string): Statement<{ started: number; abandoned: number }> {
  return {
    query: sql`
      SELECT
        coalesce(sum(CASE WHEN status <> 'replaced' THEN 1 ELSE 0 END), 0) AS started,
        coalesce(sum(CASE WHEN status IN ('expired','failed') OR (status = 'open' AND expires_at <= ${now}) THEN 1 ELSE 0 END), 0) AS abandoned
      FROM checkouts
      WHERE ${within(period)}`,
    read: ([row]) => ({ started: num(row?.started), abandoned: num(row?.abandoned) }),
  };
}

function sessionCount(period: Period): Statement<number> {
  return {
    query: sql`SELECT count(*) AS sessions FROM storefront_sessions WHERE day >= ${period.from} AND day <= ${period.to}`,
    read: ([row]) => num(row?.sessions),
  };
}

/**
 * Best sellers by item revenue (line totals, before order discounts and without shipping) and by
 * units, grouped by product; a deleted product is still reported under the name it was sold as.
 * `sku` is given when the product sold as a single variant.
 */
function topProducts(period: Period, currency: string): Statement<{ byRevenue: TopProduct[]; byQuantity: TopProduct[] }> {
  const toProduct = (row: Row): TopProduct => ({
    name: String(row.name),
    ...(row.first_sku === row.last_sku ? { sku: String(row.first_sku) } : {}),
    quantity: num(row.quantity),
    revenue: num(row.revenue),
  });
  return {
    query: sql`
      WITH sold AS (
        SELECT coalesce(CAST(oi.product_id AS TEXT), 'name:' || oi.product_name) AS product,
          max(oi.product_name) AS name, min(oi.sku) AS first_sku, max(oi.sku) AS last_sku,
          sum(oi.quantity) AS quantity, sum(oi.line_total) AS revenue
        FROM orders o
        JOIN order_items oi ON oi.order_id = o.id
        WHERE o.created_at >= ${period.startsAt} AND o.created_at < ${period.endsAt}
          AND o.currency = ${currency} AND ${paymentStatusIn(SALE_STATUSES, "o")}
        GROUP BY product
      )
      SELECT * FROM (SELECT 'revenue' AS ranking, * FROM sold ORDER BY revenue DESC, quantity DESC, name LIMIT ${TOP_PRODUCT_LIMIT})
      UNION ALL
      SELECT * FROM (SELECT 'quantity' AS ranking, * FROM sold ORDER BY quantity DESC, revenue DESC, name LIMIT ${TOP_PRODUCT_LIMIT})`,
    read: (rows) => ({
      byRevenue: rows.filter((row) => row.ranking === "revenue").map(toProduct),
      byQuantity: rows.filter((row) => row.ranking === "quantity").map(toProduct),
    }),
  };
}

/**
 * One row per bucket, empty buckets included: the bucket bounds (London midnights in UTC, computed
 * in JS where the time zone rules live) arrive as JSON, and each bucket is summed by its own range
 * scan of the covering index, so no sort of the period's orders is ever needed.
 */
function salesSeries(period: Period, currency: string): Statement<SeriesPoint[]> {
  const buckets = JSON.stringify(period.buckets.map((bucket) => [bucket.key, bucket.startsAt, bucket.endsAt]));
  return {
    query: sql`
      WITH buckets AS (
        SELECT value ->> 0 AS key, value ->> 1 AS starts_at, value ->> 2 AS ends_at FROM json_each(${buckets})
      )
      SELECT key, starts_at, (
        SELECT json_array(count(*), coalesce(sum(o.total - o.amount_refunded), 0)
          - ${lostDisputeAmount({ startsAt: sql`b.starts_at`, endsAt: sql`b.ends_at`, currency, paymentStatuses: SALE_STATUSES })})
        FROM orders o
        WHERE o.created_at >= b.starts_at AND o.created_at < b.ends_at
          AND o.currency = ${currency} AND ${paymentStatusIn(SALE_STATUSES, "o")}
      ) AS figures
      FROM buckets b ORDER BY key`,
    read: (rows) =>
      rows.map((row) => {
        const [orders, revenue] = JSON.parse(String(row.figures)) as [number, number];
        return { key: String(row.key), startsAt: String(row.starts_at), orders: num(orders), revenue: num(revenue) };
      }),
  };
}

/** The six statements of one period, and how their answers become its figures. */
function periodReport(period: Period, currency: string, now: string, visitsCountedFrom: string | null) {
  const statements = [
    salesFigures(period, currency, visitsCountedFrom),
    discountCodes(period, currency),
    checkoutFigures(period, now),
    sessionCount(period),
    topProducts(period, currency),
    salesSeries(period, currency),
  ] as const;
  const assemble = (results: Row[][]): PeriodFigures => {
    const [salesRead, codesRead, checkoutsRead, sessionsRead, productsRead, seriesRead] = statements;
    const sales = salesRead.read(results[0]!);
    const checkouts = checkoutsRead.read(results[2]!);
    const sessions = sessionsRead.read(results[3]!);
    return {
      from: period.from,
      to: period.to,
      days: period.days,
      startsAt: period.startsAt,
      endsAt: period.endsAt,
      bucket: period.bucket,
      revenue: sales.revenue,
      orderCount: sales.orders,
      averageOrderValue: sales.orders > 0 ? Math.round(sales.revenue / sales.orders) : null,
      sessions,
      checkoutsStarted: checkouts.started,
      ordersSinceVisitsCounted: sales.ordersSinceVisitsCounted,
      conversionRate: ratio(sales.ordersSinceVisitsCounted, sessions),
      checkoutConversionRate: ratio(sales.orders, checkouts.started),
      abandonedCheckouts: checkouts.abandoned,
      refunded: sales.refunded,
      discountUsage: { ...sales.discount, codes: codesRead.read(results[1]!) },
      topProducts: productsRead.read(results[4]!),
      series: seriesRead.read(results[5]!),
    };
  };
  return { queries: statements.map((statement) => statement.query), assemble };
}

/**
 * The shop day of the first order, where `all` begins (the index's first entry, not a scan). A time
 * before the shop's first accepted day (an old import) starts the report on that day instead, and one
 * after `now` (a clock set wrong) today.
 */
async function firstOrderDay(db: DbOrTx, now: Date): Promise<string | null> {
  const [row] = await db.all<{ first: string | null }>(sql`SELECT min(created_at) AS first FROM orders`);
  const first = row?.first ? Date.parse(row.first) : Number.NaN;
  if (!Number.isFinite(first)) return null;
  return shopDayOf(new Date(Math.min(Math.max(first, startOfShopDay(SHOP_FIRST_DAY).getTime()), now.getTime())));
}

/**
 * The shop day of the first counted visit (the day index's first entry). Visits are counted only
 * since the visit cookie shipped, while orders go back further: this is where the two counts meet.
 * Read before the batch: it changes once in a shop's life, from null to its first day.
 */
async function firstVisitDay(db: DbOrTx): Promise<string | null> {
  const [row] = await db.all<{ first: string | null }>(sql`SELECT min(day) AS first FROM storefront_sessions`);
  return row?.first ?? null;
}

/**
 * Both periods' twelve statements go in one batch: one round trip to Turso instead of twelve, one
 * connection for an embedded file (a pool's fresh connections would each start with a cold page
 * cache), and one read snapshot, so the figures agree with each other even while orders arrive.
 */
export async function getAnalytics(db: Db, query: AnalyticsQuery, { now = new Date() }: { now?: Date } = {}): Promise<AnalyticsReport> {
  const [settings, firstDay, visitsDay] = await Promise.all([getSettings(db), query.range === "all" ? firstOrderDay(db, now) : null, firstVisitDay(db)]);
  const periods = resolvePeriods(query, { now, firstDay });
  const nowIso = now.toISOString();
  const visitsCountedFrom = visitsDay ? startOfShopDay(visitsDay).toISOString() : null;
  const current = periodReport(periods.current, settings.currency, nowIso, visitsCountedFrom);
  const previous = periodReport(periods.previous, settings.currency, nowIso, visitsCountedFrom);
  const [first, ...rest] = [...current.queries, ...previous.queries].map((statement) => db.all<Row>(statement));
  const results = await db.batch([first!, ...rest]);
  const split = current.queries.length;
  return {
    range: periods.key,
    timeZone: periods.timeZone,
    currency: settings.currency,
    visitsCountedFrom: visitsDay,
    ...current.assemble(results.slice(0, split)),
    previous: previous.assemble(results.slice(split)),
  };
}
