// The admin dashboard's figures and lists, read in a fixed number of statements whatever the shop's size.
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { emailOutbox, orderEvents, orders, products, productVariants } from "@/lib/db/schema";
import type { OrderStatus, PaymentStatus } from "@/lib/db/schema";
import { reservedStock } from "@/lib/inventory/availability";
import { lostDisputeAmount } from "./lost-disputes";
import { HOLD_CAUSE_EVENT_TYPES } from "@/lib/orders/hold-reasons";
import { getSettings } from "@/lib/settings";
import { STORE_TIME_ZONE } from "@/lib/time";
import { startOfShopDayAt, startOfShopWeekAt } from "@/lib/shop-calendar";

/** Payment states that mean the money arrived (a partial refund still leaves a sale). */
const PAID_STATUSES: PaymentStatus[] = ["paid", "partially_refunded"];

const LIST_LIMIT = 8;

export type SalesFigure = { orders: number; revenue: number };

export type DashboardOrder = {
  id: number;
  orderNumber: string;
  email: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  total: number;
  currency: string;
  createdAt: string;
};

export type OrderNeedingAttention = DashboardOrder & {
  reason: { type: string; message: string; at: string } | null;
};

export type LowStockVariant = {
  variantId: number;
  productId: number;
  productName: string;
  variantName: string;
  sku: string;
  stock: number;
  reserved: number;
  available: number;
};

export type FailedEmail = {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  updatedAt: string;
  orderId: number | null;
  orderNumber: string | null;
};

export type Dashboard = {
  currency: string;
  timeZone: string;
  todayStartsAt: string;
  weekStartsAt: string;
  today: SalesFigure;
  week: SalesFigure;
  attention: { total: number; orders: OrderNeedingAttention[] };
  lowStock: { threshold: number; total: number; variants: LowStockVariant[] };
  failedEmails: { total: number; emails: FailedEmail[] };
  recentOrders: DashboardOrder[];
};

const orderColumns = {
  id: orders.id,
  orderNumber: orders.orderNumber,
  email: orders.email,
  status: orders.status,
  paymentStatus: orders.paymentStatus,
  total: orders.total,
  currency: orders.currency,
  createdAt: orders.createdAt,
};

/** Six statements: settings, then five independent reads side by side. */
export async function getDashboard(
  db: DbOrTx,
  { now = new Date(), timeZone = STORE_TIME_ZONE }: { now?: Date; timeZone?: string } = {},
): Promise<Dashboard> {
  const settings = await getSettings(db);
  const todayStartsAt = startOfShopDayAt(now, timeZone).toISOString();
  const weekStartsAt = startOfShopWeekAt(now, timeZone).toISOString();
  const nowIso = now.toISOString();

  const paidThisWeek = and(
    gte(orders.createdAt, weekStartsAt),
    inArray(orders.paymentStatus, PAID_STATUSES),
    eq(orders.currency, settings.currency),
  );
  const net = sql`${orders.total} - ${orders.amountRefunded}`;
  const isToday = sql`${orders.createdAt} >= ${todayStartsAt}`;

  // The newest reason-bearing event per held order, found by a correlated subquery on the event index.
  const latestReason = sql`(
    SELECT e.id FROM ${orderEvents} e
    WHERE e.order_id = ${orders.id}
      AND (e.type IN (${sql.join(HOLD_CAUSE_EVENT_TYPES.map((type) => sql`${type}`), sql`, `)})
           OR (e.type = 'status_changed' AND json_extract(e.data, '$.to') = 'on_hold'))
    ORDER BY e.created_at DESC, e.type = 'status_changed', e.id DESC LIMIT 1
  )`;

  const reserved = reservedStock(db, { now: nowIso });
  const available = sql<number>`${productVariants.stock} - coalesce(${reserved.quantity}, 0)`;

  const [salesRows, attentionRows, lowStockRows, failedRows, recentOrders] = await Promise.all([
    db
      .select({
        todayOrders: sql<number>`coalesce(sum(CASE WHEN ${isToday} THEN 1 ELSE 0 END), 0)`,
        todayRevenue: sql<number>`coalesce(sum(CASE WHEN ${isToday} THEN ${net} ELSE 0 END), 0) - ${lostDisputeAmount({ startsAt: todayStartsAt, currency: settings.currency, paymentStatuses: PAID_STATUSES })}`,
        weekOrders: sql<number>`count(*)`,
        weekRevenue: sql<number>`coalesce(sum(${net}), 0) - ${lostDisputeAmount({ startsAt: weekStartsAt, currency: settings.currency, paymentStatuses: PAID_STATUSES })}`,
      })
      .from(orders)
      .where(paidThisWeek),
    db
      .select({
        ...orderColumns,
        reasonType: orderEvents.type,
        reasonMessage: orderEvents.message,
        reasonAt: orderEvents.createdAt,
        matching: sql<number>`count(*) OVER ()`,
      })
      .from(orders)
      .leftJoin(orderEvents, sql`${orderEvents.id} = ${latestReason}`)
      .where(eq(orders.status, "on_hold"))
      // Longest-waiting first: the order held since Monday matters more than the one held a minute ago.
      .orderBy(orders.createdAt, orders.id)
      .limit(LIST_LIMIT),
    db
      .select({
        variantId: productVariants.id,
        productId: products.id,
        productName: products.name,
        variantName: productVariants.name,
        sku: productVariants.sku,
        stock: productVariants.stock,
        reserved: sql<number>`coalesce(${reserved.quantity}, 0)`,
        available,
        matching: sql<number>`count(*) OVER ()`,
      })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .leftJoin(reserved, eq(reserved.variantId, productVariants.id))
      .where(
        and(
          eq(productVariants.isActive, true),
          eq(products.status, "active"),
          sql`${available} <= ${settings.lowStockThreshold}`,
        ),
      )
      .orderBy(available, products.name, productVariants.position)
      .limit(LIST_LIMIT),
    db
      .select({
        id: emailOutbox.id,
        kind: emailOutbox.kind,
        toAddress: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        updatedAt: emailOutbox.updatedAt,
        orderId: emailOutbox.orderId,
        orderNumber: orders.orderNumber,
        matching: sql<number>`count(*) OVER ()`,
      })
      .from(emailOutbox)
      .leftJoin(orders, eq(orders.id, emailOutbox.orderId))
      .where(eq(emailOutbox.status, "failed"))
      .orderBy(desc(emailOutbox.updatedAt), desc(emailOutbox.id))
      .limit(LIST_LIMIT),
    db.select(orderColumns).from(orders).orderBy(desc(orders.createdAt), desc(orders.id)).limit(LIST_LIMIT),
  ]);

  const sales = salesRows[0];
  return {
    currency: settings.currency,
    timeZone,
    todayStartsAt,
    weekStartsAt,
    today: { orders: Number(sales?.todayOrders ?? 0), revenue: Number(sales?.todayRevenue ?? 0) },
    week: { orders: Number(sales?.weekOrders ?? 0), revenue: Number(sales?.weekRevenue ?? 0) },
    attention: {
      total: Number(attentionRows[0]?.matching ?? 0),
      orders: attentionRows.map(({ reasonType, reasonMessage, reasonAt, matching: _, ...order }) => ({
        ...order,
        reason: reasonType && reasonAt ? { type: reasonType, message: reasonMessage ?? "", at: reasonAt } : null,
      })),
    },
    lowStock: {
      threshold: settings.lowStockThreshold,
      total: Number(lowStockRows[0]?.matching ?? 0),
      variants: lowStockRows.map(({ matching: _, ...variant }) => ({
        ...variant,
        reserved: Number(variant.reserved),
        available: Math.max(0, Number(variant.available)),
      })),
    },
    failedEmails: {
      total: Number(failedRows[0]?.matching ?? 0),
      emails: failedRows.map(({ matching: _, ...email }) => email),
    },
    recentOrders,
  };
}
