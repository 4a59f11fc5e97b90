// Cancelling an order, optionally putting its stock back on the shelf, and telling the shopper once.
import { isDeepStrictEqual } from "node:util";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { inventoryAdjustments, orderItems } from "@/lib/db/schema";
import { releaseReservations } from "@/lib/inventory/reservations";
import { incrementStock, type StockMove } from "@/lib/inventory/stock";
import { AppError } from "@/lib/app-error";
import { cancellationMoneyOf, renderOrderCancelled } from "@/lib/email/order-cancelled";
import { getOrderOrThrow } from "./order-row";
import { recordOrderEvent } from "./order-events";
import type { OrderRow } from "./order-row";
import { queueOrderEmail } from "./queue-order-email";
import { transitionOrderStatus } from "./status-machine";

export type CancelParams = { orderId: number; restock: boolean; reason?: string | null; actor: string };

/**
 * How many units this order actually took from stock, per variant: the order's own ledger rows
 * (taken at payment, minus any already returned). Reading the ledger rather than the items means a
 * shortfall order that got only part of its stock returns only that part, and nothing is returned twice.
 */
async function unitsTakenByOrder(tx: Tx, order: OrderRow): Promise<{ variantId: number; quantity: number }[]> {
  const variantIds = (await tx.select({ variantId: orderItems.variantId }).from(orderItems).where(eq(orderItems.orderId, order.id)))
    .map((row) => row.variantId)
    .filter((id): id is number => id !== null);
  if (variantIds.length === 0) return [];
  const rows = await tx
    .select({ variantId: inventoryAdjustments.variantId, net: sql<number>`sum(${inventoryAdjustments.delta})` })
    .from(inventoryAdjustments)
    .where(and(inArray(inventoryAdjustments.variantId, variantIds), eq(inventoryAdjustments.reference, order.orderNumber)))
    .groupBy(inventoryAdjustments.variantId);
  return rows.map((row) => ({ variantId: row.variantId, quantity: -Number(row.net) })).filter((row) => row.quantity > 0);
}

function assertNotCancelled(order: OrderRow): void {
  if (order.status === "cancelled") throw new AppError("conflict", "This order is already cancelled.");
}

/**
 * The shopper's email is rendered first, outside any transaction, from the order as read then. One
 * transaction then: the status moves to cancelled (the status machine refuses shipped, delivered and
 * refunded orders with 409), a payment still pending has its held stock released, with `restock`
 * every unit the order took goes back with a `cancellation` ledger row, and the order cancelled
 * email is queued (once per order: the outbox's unique (order, kind)). Cancelling does not refund:
 * the money is returned by a refund, which the owner sees as a separate step, so the email says
 * what has been refunded so far.
 */
export async function cancelOrder(params: CancelParams): Promise<{ order: OrderRow; restocked: StockMove[] }> {
  const read = await db();
  const before = await getOrderOrThrow(read, params.orderId);
  assertNotCancelled(before);
  const email = await renderOrderCancelled(read, before);

  return writeTransaction(async (tx) => {
    const order = await getOrderOrThrow(tx, params.orderId);
    assertNotCancelled(order);
    // A refund landed between the read and the transaction: the email would misstate the money.
    if (!isDeepStrictEqual(cancellationMoneyOf(order), cancellationMoneyOf(before))) {
      throw new AppError("stale_write", "The order's payment changed while this was being saved. Reload and try again.");
    }
    const reason = params.reason?.trim() || undefined;
    await transitionOrderStatus(tx, { orderId: order.id, to: "cancelled", actor: params.actor, reason, data: { restock: params.restock } });
    if (order.paymentStatus === "pending" && order.checkoutId) await releaseReservations(tx, order.checkoutId);

    const restocked: StockMove[] = [];
    if (params.restock) {
      for (const line of await unitsTakenByOrder(tx, order)) {
        restocked.push(
          await incrementStock(tx, { variantId: line.variantId, quantity: line.quantity, reason: "cancellation", reference: order.orderNumber, actor: params.actor }),
        );
      }
      await recordOrderEvent(tx, {
        orderId: order.id,
        type: "stock_updated",
        message:
          restocked.length > 0
            ? `Put ${restocked.reduce((sum, move) => sum + move.delta, 0)} unit(s) back in stock.`
            : "Nothing to put back: this order had taken no stock.",
        data: { restocked: restocked.map(({ variantId, delta }) => ({ variantId, quantity: delta })) },
        actor: params.actor,
      });
    }
    await queueOrderEmail(tx, { orderId: order.id, kind: "order_cancelled", to: order.email, email, actor: params.actor });
    return { order: await getOrderOrThrow(tx, order.id), restocked };
  });
}
