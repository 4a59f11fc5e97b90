// The orders CSV: one row per order (or per line item), streamed in keyset pages over a London date range.
import { and, asc, eq, gt, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { customers, orderItems, orders } from "@/lib/db/schema";
import { csvLines, UTF8_BOM, type CsvCell } from "@/lib/exports/csv";
import { moneyDecimal } from "@/lib/money";
import { keysetStream } from "@/lib/exports/keyset-stream";
import { londonDayRange } from "@/lib/exports/london-range";
import { londonDateTime } from "@/lib/exports/london-time";
import { countryName } from "@/lib/shipping/country-name";
import { orderFilterConditions, type OrderFilters } from "./list-orders";

/** Orders read per page: large enough to amortise the statement, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 500;

export type OrdersExportParams = OrderFilters & { from: string; to: string; isPerLine?: boolean };

const ORDER_HEADER = [
  "Order number",
  "Date",
  "Customer name",
  "Email",
  "Items",
  "Subtotal",
  "Shipping",
  "Discount code",
  "Discount",
  "Total",
  "Refunded",
  "Currency",
  "Status",
  "Payment status",
  "Shipping method",
  "Country",
  "Country code",
  "Tracking number",
  "Tracking URL",
  "Shipped at",
];

const LINE_HEADER = [
  "Order number",
  "Date",
  "Customer name",
  "Email",
  "SKU",
  "Product",
  "Variant",
  "Quantity",
  "Unit price",
  "Line total",
  "Currency",
  "Status",
  "Payment status",
  "Country",
  "Country code",
];

/** The country's name for people reading the sheet; its code follows in a column of its own for tools. */
function shownCountry(code: string | null): string | null {
  return code === null ? null : countryName(code);
}

export function ordersExportFileName(from: string, to: string): string {
  return `orders-${from}-to-${to}.csv`;
}

const pageColumns = {
  id: orders.id,
  orderNumber: orders.orderNumber,
  createdAt: orders.createdAt,
  email: orders.email,
  // Names come as text from SQL: parsing each order's address JSON in JS only to read one field costs more.
  customerName: sql<string | null>`coalesce(nullif(${customers.name}, ''), json_extract(${orders.shippingAddress}, '$.name'))`,
  subtotal: orders.subtotal,
  shippingTotal: orders.shippingTotal,
  discountCode: orders.discountCode,
  discountTotal: orders.discountTotal,
  total: orders.total,
  amountRefunded: orders.amountRefunded,
  currency: orders.currency,
  status: orders.status,
  paymentStatus: orders.paymentStatus,
  shippingMethod: orders.shippingMethod,
  shippingCountry: orders.shippingCountry,
  trackingNumber: orders.trackingNumber,
  trackingUrl: orders.trackingUrl,
  shippedAt: orders.shippedAt,
};

/** The order's lines as one readable cell, "2 × Moorland Merino (Heather / 4ply); 1 × …", built by SQL in the page query. */
const itemsCell = sql<string | null>`(
  SELECT group_concat(i.quantity || ' × ' || i.product_name || ' (' || i.variant_name || ')', '; ')
  FROM (SELECT quantity, product_name, variant_name FROM ${orderItems} WHERE ${orderItems.orderId} = ${orders.id} ORDER BY ${orderItems.id}) i
)`;

type Cursor = { createdAt: string; id: number };

type PageRow = Pick<
  typeof orders.$inferSelect,
  | "id"
  | "orderNumber"
  | "createdAt"
  | "email"
  | "subtotal"
  | "shippingTotal"
  | "discountCode"
  | "discountTotal"
  | "total"
  | "amountRefunded"
  | "currency"
  | "status"
  | "paymentStatus"
  | "shippingMethod"
  | "shippingCountry"
  | "trackingNumber"
  | "trackingUrl"
  | "shippedAt"
> & { customerName: string | null; items: string | null };

function orderRow(order: PageRow): CsvCell[] {
  return [
    order.orderNumber,
    londonDateTime(order.createdAt),
    order.customerName,
    order.email,
    order.items,
    moneyDecimal(order.subtotal),
    moneyDecimal(order.shippingTotal),
    order.discountCode,
    moneyDecimal(order.discountTotal),
    moneyDecimal(order.total),
    moneyDecimal(order.amountRefunded),
    order.currency,
    order.status,
    order.paymentStatus,
    order.shippingMethod,
    shownCountry(order.shippingCountry),
    order.shippingCountry,
    order.trackingNumber,
    order.trackingUrl,
    londonDateTime(order.shippedAt),
  ];
}

/**
 * A `text/csv` body that starts at once and never holds more than one page: each pull reads the
 * next 500 orders after the last (created_at, id) through `orders_created_idx` (with their items as
 * one cell, or their lines in a second statement for `lines=1`) and writes them.
 */
export function exportOrdersCsv(db: DbOrTx, params: OrdersExportParams): ReadableStream<Uint8Array> {
  const range = londonDayRange(params.from, params.to);
  const filters = [
    gte(orders.createdAt, range.startsAt),
    lt(orders.createdAt, range.endsBefore),
    ...orderFilterConditions({ q: params.q, payment: params.payment, flag: params.flag }),
    ...(params.status ? [eq(orders.status, params.status)] : []),
  ];

  return keysetStream<PageRow, Cursor>({
    head: UTF8_BOM + csvLines([params.isPerLine ? LINE_HEADER : ORDER_HEADER]),
    readPage: (cursor) => readPage(cursor),
    render: async (page) => {
      if (!params.isPerLine) return csvLines(page.map(orderRow));
      const items = await db
        .select({
          orderId: orderItems.orderId,
          sku: orderItems.sku,
          productName: orderItems.productName,
          variantName: orderItems.variantName,
          quantity: orderItems.quantity,
          unitPrice: orderItems.unitPrice,
          lineTotal: orderItems.lineTotal,
        })
        .from(orderItems)
        .where(inArray(orderItems.orderId, page.map((order) => order.id)))
        .orderBy(asc(orderItems.orderId), asc(orderItems.id));
      const itemsByOrder = new Map<number, typeof items>();
      for (const item of items) {
        const list = itemsByOrder.get(item.orderId) ?? [];
        list.push(item);
        itemsByOrder.set(item.orderId, list);
      }
      const rows: CsvCell[][] = [];
      for (const order of page) {
        for (const line of itemsByOrder.get(order.id) ?? []) {
          rows.push([
            order.orderNumber,
            londonDateTime(order.createdAt),
            order.customerName,
            order.email,
            line.sku,
            line.productName,
            line.variantName,
            line.quantity,
            moneyDecimal(line.unitPrice),
            moneyDecimal(line.lineTotal),
            order.currency,
            order.status,
            order.paymentStatus,
            shownCountry(order.shippingCountry),
            order.shippingCountry,
          ]);
        }
      }
      return csvLines(rows);
    },
  });

  async function readPage(cursor: Cursor | null) {
    // `created_at >= last` bounds the index range, so each page starts where the last one ended; the
    // OR alone would make SQLite walk the index from the range start on every page.
    const after = cursor
      ? [gte(orders.createdAt, cursor.createdAt), or(gt(orders.createdAt, cursor.createdAt), gt(orders.id, cursor.id))!]
      : [];
    const rows = await db
      .select(params.isPerLine ? { ...pageColumns, items: sql<null>`NULL` } : { ...pageColumns, items: itemsCell })
      .from(orders)
      .leftJoin(customers, eq(customers.id, orders.customerId))
      .where(and(...filters, ...after))
      .orderBy(asc(orders.createdAt), asc(orders.id))
      .limit(EXPORT_PAGE_SIZE);
    const last = rows[rows.length - 1];
    return { rows, next: rows.length === EXPORT_PAGE_SIZE && last ? { createdAt: last.createdAt, id: last.id } : null };
  }
}
