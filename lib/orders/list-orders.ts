// The admin's order list: search, filters, sort and keyset pages, all in SQL over the orders indexes.
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import { customers, orderItems, orders, ORDER_STATUSES, PAYMENT_STATUSES, type OrderStatus, type PaymentStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { addDays, startOfShopDay } from "@/lib/shop-calendar";
import { refineShopDayRange, shopDay } from "@/lib/shop-day-input";
import { ORDER_FLAG_NAMES } from "./hold-reasons";

export const ORDER_SORTS = ["newest", "oldest", "total_desc", "total_asc"] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export const PAGE_SIZE = 50;

/** The list's query fields; the export picks the filters it carries over from them. */
export const orderListFields = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  payment: z.enum(PAYMENT_STATUSES).optional(),
  flag: z.enum(ORDER_FLAG_NAMES).optional(),
  from: shopDay.optional(),
  to: shopDay.optional(),
  sort: z.enum(ORDER_SORTS).default("newest"),
  after: z.string().max(200).optional(),
  before: z.string().max(200).optional(),
});
/**
 * The list's query string. A reversed pair of dates is a mistake worth saying; a long one is not
 * capped, as either end may be left open and the list reads one page at a time whatever its span.
 */
export const orderListQuery = orderListFields.superRefine((query, context) => refineShopDayRange(query, context, { isSpanCapped: false }));
export type OrderListQuery = z.infer<typeof orderListQuery>;
export type OrderFilters = Pick<OrderListQuery, "q" | "status" | "payment" | "flag" | "from" | "to">;

export type OrderListRow = {
  id: number;
  orderNumber: string;
  createdAt: string;
  email: string;
  customerName: string | null;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  total: number;
  currency: string;
  flags: string[];
  itemCount: number;
  /** One parcel per customer: linked to another order through a checkout's combined_with_order_id, either way. */
  isCombined: boolean;
};

export type OrderList = {
  rows: OrderListRow[];
  /** Orders per status under the other filters: the tabs. */
  statusCounts: Record<OrderStatus, number>;
  nextCursor: string | null;
  previousCursor: string | null;
};

const SORT_KEYS: Record<OrderSort, { column: typeof orders.createdAt | typeof orders.total; isDescending: boolean }> = {
  newest: { column: orders.createdAt, isDescending: true },
  oldest: { column: orders.createdAt, isDescending: false },
  total_desc: { column: orders.total, isDescending: true },
  total_asc: { column: orders.total, isDescending: false },
};

const cursorShape = z.tuple([z.union([z.string(), z.number()]), z.number().int()]);

export function encodeCursor(value: string | number, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

function decodeCursor(cursor: string): [string | number, number] {
  try {
    return cursorShape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("bad_request", "That page link is not valid. Start again from the first page.");
  }
}

/**
 * What the search box finds, each branch answerable from an index: the order's sequence number
 * (`1042` or `HD-1042`), the exact order number, an email prefix (`orders_email_idx` range), or a
 * customer's name (the customers table is far smaller than orders; its ids then use `orders_customer_idx`).
 */
function searchCondition(q: string): SQL {
  const lower = q.toLowerCase();
  const digits = /^(?:[A-Za-z]+-?)?(\d{1,12})$/.exec(q)?.[1];
  const branches: SQL[] = [eq(orders.orderNumber, q.toUpperCase()), and(gte(orders.email, lower), lt(orders.email, `${lower}\uffff`))!];
  if (digits) branches.push(eq(orders.orderSeq, Number(digits)));
  // SQLite's LIKE ignores case for ASCII letters only (so does its lower()): the name is matched as
  // typed, which finds "Zoë Ørsted" from "zoë Ørsted" but not from "ZOË".
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  branches.push(inArray(orders.customerId, sql`(SELECT ${customers.id} FROM ${customers} WHERE ${customers.name} LIKE ${like} ESCAPE '\\')`));
  return or(...branches)!;
}

/** The WHERE clause of the list (and the export) for everything but status. */
export function orderFilterConditions(filters: Omit<OrderFilters, "status">): SQL[] {
  const conditions: SQL[] = [];
  if (filters.q) conditions.push(searchCondition(filters.q));
  if (filters.payment) conditions.push(eq(orders.paymentStatus, filters.payment));
  if (filters.flag) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${orders.flags}) WHERE json_each.value = ${filters.flag})`);
  // London days, both ends inclusive (as in lib/exports/london-range.ts); each end is its own bound.
  if (filters.from) conditions.push(gte(orders.createdAt, startOfShopDay(filters.from).toISOString()));
  if (filters.to) conditions.push(lt(orders.createdAt, startOfShopDay(addDays(filters.to, 1)).toISOString()));
  return conditions;
}

export async function listOrders(db: DbOrTx, query: OrderListQuery): Promise<OrderList> {
  const { column, isDescending } = SORT_KEYS[query.sort];
  const base = orderFilterConditions(query);
  const conditions = [...base, ...(query.status ? [eq(orders.status, query.status)] : [])];

  // Going back a page reads the other way from the cursor and flips the result.
  const isBackwards = Boolean(query.before) && !query.after;
  const cursor = query.after ? decodeCursor(query.after) : query.before ? decodeCursor(query.before) : null;
  const readsDescending = isDescending !== isBackwards;
  if (cursor) {
    const [value, id] = cursor;
    // The first condition bounds the index range (each page starts where the last ended); the second
    // only decides among the rows that share the cursor's value.
    const fromValue = readsDescending ? lte(column, value as never) : gte(column, value as never);
    const pastValue = readsDescending ? lt(column, value as never) : gt(column, value as never);
    const pastId = readsDescending ? lt(orders.id, id) : gt(orders.id, id);
    conditions.push(fromValue, or(pastValue, pastId)!);
  }
  const order = readsDescending ? [desc(column), desc(orders.id)] : [asc(column), asc(orders.id)];

  const [found, counts] = await Promise.all([
    db
      .select({
        id: orders.id,
        orderNumber: orders.orderNumber,
        createdAt: orders.createdAt,
        email: orders.email,
        customerName: sql<string | null>`coalesce(nullif(${customers.name}, ''), json_extract(${orders.shippingAddress}, '$.name'))`,
        status: orders.status,
        paymentStatus: orders.paymentStatus,
        total: orders.total,
        currency: orders.currency,
        flags: orders.flags,
        itemCount: sql<number>`(SELECT coalesce(sum(${orderItems.quantity}), 0) FROM ${orderItems} WHERE ${orderItems.orderId} = ${orders.id})`,
        isCombined: sql<number>`(EXISTS (SELECT 1 FROM checkouts c WHERE c.id = ${orders.checkoutId} AND c.combined_with_order_id IS NOT NULL) OR EXISTS (SELECT 1 FROM checkouts c JOIN orders joined ON joined.checkout_id = c.id WHERE c.combined_with_order_id = ${orders.id}))`,
      })
      .from(orders)
      .leftJoin(customers, eq(customers.id, orders.customerId))
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(...order)
      .limit(PAGE_SIZE + 1),
    db
      .select({ status: orders.status, count: sql<number>`count(*)` })
      .from(orders)
      .where(base.length ? and(...base) : undefined)
      .groupBy(orders.status),
  ]);

  const hasMore = found.length > PAGE_SIZE;
  const page = found.slice(0, PAGE_SIZE);
  if (isBackwards) page.reverse();
  const rows = page.map((row) => ({ ...row, itemCount: Number(row.itemCount), isCombined: Boolean(row.isCombined) }));
  const keyOf = (row: OrderListRow) => encodeCursor(query.sort.startsWith("total") ? row.total : row.createdAt, row.id);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const statusCounts = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<OrderStatus, number>;
  for (const row of counts) statusCounts[row.status] = Number(row.count);
  return {
    rows,
    statusCounts,
    nextCursor: last && (isBackwards ? Boolean(cursor) : hasMore) ? keyOf(last) : null,
    previousCursor: first && (isBackwards ? hasMore : Boolean(cursor)) ? keyOf(first) : null,
  };
}
