// The harness's view of the servers' database: setup through the app's own write path, checks through fresh clients.
import { and, eq, inArray, sql } from "drizzle-orm";
import { openClient } from "@/lib/db/client";
import { connectionConfig, wrapClient, writeTransaction, type Db } from "@/lib/db";
import { checkouts, emailOutbox, inventoryAdjustments, orderEvents, orderItems, orders, productVariants, stockReservations } from "@/lib/db/schema";
import { incrementStock } from "@/lib/inventory/stock";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { createProduct } from "@/tests/factories/product";

/**
 * Every check reads through a client opened for it and closed after: what it sees is what the
 * servers committed to the file, never a cached handle's view (libsql-client-ts #352).
 */
export async function readFresh<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const client = await openClient(connectionConfig(), { concurrency: 1 });
  try {
    return await read(wrapClient(client));
  } finally {
    client.close();
  }
}

export type StockedVariant = { productId: number; slug: string; variantId: number; units: number };

/** A product of the scenario's own, its stock put in through the ledger so db:check holds from the start. */
export async function createStockedVariant(name: string, units: number): Promise<StockedVariant> {
  const product = await createProduct({ name, variants: [{ stock: 0, price: 1200, weightGrams: 100 }] });
  const variantId = product.variants[0]!.id;
  await writeTransaction((tx) => incrementStock(tx, { variantId, quantity: units, reason: "restock", reference: "chaos", actor: "chaos" }));
  return { productId: product.id, slug: product.slug, variantId, units };
}

export type VariantState = {
  stock: number;
  ledgerSum: number;
  /** The lowest stock any ledger row recorded: proof it never went below zero on the way. */
  lowestLedgerStock: number;
  /** Units in orders of this variant. */
  sold: number;
  orders: number;
  reservations: number;
};

export async function readVariantState(variantId: number): Promise<VariantState> {
  return readFresh(async (db) => {
    const [variant] = await db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId));
    const [ledger] = await db
      .select({
        sum: sql<number>`coalesce(sum(${inventoryAdjustments.delta}), 0)`,
        lowest: sql<number>`coalesce(min(${inventoryAdjustments.stockAfter}), 0)`,
      })
      .from(inventoryAdjustments)
      .where(eq(inventoryAdjustments.variantId, variantId));
    const [items] = await db
      .select({ sold: sql<number>`coalesce(sum(${orderItems.quantity}), 0)`, orders: sql<number>`count(distinct ${orderItems.orderId})` })
      .from(orderItems)
      .where(eq(orderItems.variantId, variantId));
    const [holds] = await db
      .select({ count: sql<number>`count(*)` })
      .from(stockReservations)
      .where(eq(stockReservations.variantId, variantId));
    return {
      stock: variant!.stock,
      ledgerSum: Number(ledger!.sum),
      lowestLedgerStock: Number(ledger!.lowest),
      sold: Number(items!.sold),
      orders: Number(items!.orders),
      reservations: Number(holds!.count),
    };
  });
}

/** Only the stock column, for sampling while a storm runs. */
export async function readStock(variantId: number): Promise<number> {
  return readFresh(async (db) => {
    const [variant] = await db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId));
    return variant!.stock;
  });
}

export async function readCheckouts(ids: readonly string[]): Promise<Map<string, CheckoutRow>> {
  if (ids.length === 0) return new Map();
  const rows = await readFresh((db) =>
    db
      .select()
      .from(checkouts)
      .where(inArray(checkouts.id, [...ids])),
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export type OrderShape = {
  orderNumber: string;
  checkoutId: string | null;
  paymentStatus: string;
  items: number;
  eventTypes: string[];
  confirmationEmails: number;
};

/** Each order holding this variant with what makes it whole: items, its events, its confirmation email row. */
export async function readOrdersOfVariant(variantId: number): Promise<OrderShape[]> {
  return readFresh(async (db) => {
    const ids = db.select({ id: orderItems.orderId }).from(orderItems).where(eq(orderItems.variantId, variantId));
    const rows = await db.select().from(orders).where(inArray(orders.id, ids));
    if (rows.length === 0) return [];
    const orderIds = rows.map((row) => row.id);
    const itemRows = await db.select({ orderId: orderItems.orderId }).from(orderItems).where(inArray(orderItems.orderId, orderIds));
    const eventRows = await db
      .select({ orderId: orderEvents.orderId, type: orderEvents.type })
      .from(orderEvents)
      .where(inArray(orderEvents.orderId, orderIds));
    const emailRows = await db
      .select({ orderId: emailOutbox.orderId })
      .from(emailOutbox)
      .where(and(inArray(emailOutbox.orderId, orderIds), eq(emailOutbox.kind, "order_confirmation")));
    return rows.map((row) => ({
      orderNumber: row.orderNumber,
      checkoutId: row.checkoutId,
      paymentStatus: row.paymentStatus,
      items: itemRows.filter((item) => item.orderId === row.id).length,
      eventTypes: eventRows.filter((event) => event.orderId === row.id).map((event) => event.type),
      confirmationEmails: emailRows.filter((email) => email.orderId === row.id).length,
    }));
  });
}

/** What an order needs to be whole after payment; anything less is a half-created order. */
export function missingFromOrder(order: OrderShape): string[] {
  const missing: string[] = [];
  if (order.items === 0) missing.push("items");
  for (const type of ["created", "paid", "stock_updated"]) if (!order.eventTypes.includes(type)) missing.push(`${type} event`);
  if (order.eventTypes.filter((type) => type === "paid").length > 1) missing.push("a single paid event (it has several)");
  if (order.confirmationEmails !== 1) missing.push(`one confirmation email row (it has ${order.confirmationEmails})`);
  if (order.paymentStatus !== "paid") missing.push(`payment status paid (it is ${order.paymentStatus})`);
  return missing;
}

/** The app's tables, read once: db:seed migrated the file before the run, and nothing changes the schema after. */
let appTables: Promise<string[]> | undefined;

function readAppTables(): Promise<string[]> {
  appTables ??= readFresh(async (db) => {
    const rows = await db.all<{ name: string }>(
      sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%drizzle%' ORDER BY name`,
    );
    return rows.map((row) => row.name);
  });
  return appTables;
}

/**
 * Row counts of every table of the app, for "nothing was written"; `where` narrows what some tables count.
 * One statement, so one round trip and one snapshot: hostile input reads the counts after each of
 * ~1,300 probes, and a query per table (28) made that minutes under a simulated network (--rtt).
 */
export async function readTableCounts(where: Record<string, string> = {}): Promise<Map<string, number>> {
  const tables = await readAppTables();
  if (tables.length === 0) return new Map();
  const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const counting = tables.map(
    (name) => `SELECT ${quoted(name)} AS name, count(*) AS count FROM "${name}"${where[name] ? ` WHERE ${where[name]}` : ""}`,
  );
  return readFresh(async (db) => {
    const rows = await db.all<{ name: string; count: number }>(sql.raw(counting.join(" UNION ALL ")));
    return new Map(rows.map((row) => [row.name, Number(row.count)]));
  });
}
