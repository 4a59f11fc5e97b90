// Fulfilment: the order ships with a tracking number, and the shopper is told once.
import { eq } from "drizzle-orm";
import { db, writeTransaction } from "@/lib/db";
import { orders, sqlNow } from "@/lib/db/schema";
import { renderShippingConfirmation, type ShipmentDetails } from "@/lib/email/shipping-confirmation";
import { trackingUrlFor } from "@/lib/email/tracking-url";
import { AppError } from "@/lib/app-error";
import { getOrderOrThrow } from "./order-row";
import { recordOrderEvent } from "./order-events";
import { queueOrderEmail } from "./queue-order-email";
import type { OrderRow } from "./order-row";
import { transitionOrderStatus } from "./status-machine";

export type FulfilParams = { orderId: number; carrier: string; trackingNumber: string; trackingUrl?: string | null; actor: string };

/**
 * Why an order cannot ship, in words for the owner, or null when it can: first fulfilment from
 * `processing`, or a corrected tracking number on an order already shipped or delivered.
 */
export function fulfilmentRefusal(order: Pick<OrderRow, "status" | "paymentStatus" | "flags">): string | null {
  if (order.status === "cancelled") return "This order was cancelled, so it cannot be shipped.";
  if (order.status === "refunded" || order.paymentStatus === "refunded") return "This order was refunded, so it cannot be shipped.";
  if (isDisputed(order)) return DISPUTED_REFUSAL;
  if (order.paymentStatus !== "paid" && order.paymentStatus !== "partially_refunded") return "This order has not been paid, so it cannot be shipped.";
  if (order.status === "on_hold") return "This order is on hold: release the hold before shipping it.";
  if (order.status === "pending") return "This order is still awaiting payment, so it cannot be shipped.";
  return null;
}

/** The `disputed` flag stands for a dispute still open or lost (lib/orders/record-dispute.ts). */
const isDisputed = (order: Pick<OrderRow, "flags">) => order.flags.includes("disputed");

const DISPUTED_REFUSAL =
  "The shopper's bank is disputing this payment, so it cannot be shipped: answer the dispute in Stripe's dashboard. If the dispute is won, the order is released for fulfilment.";

function assertFulfillable(order: OrderRow): void {
  const refusal = fulfilmentRefusal(order);
  if (refusal) throw new AppError(refusal === DISPUTED_REFUSAL ? "disputed" : "conflict", refusal, { status: order.status, paymentStatus: order.paymentStatus });
}

/**
 * The email is rendered before the write transaction (no rendering inside one); the transaction
 * then moves the order to shipped, stores the tracking, writes `tracking_added` and queues the
 * shipping confirmation together. A second call is a correction: it updates the tracking, writes
 * `tracking_updated`, and queues nothing (the outbox holds one shipping confirmation per order).
 */
export async function fulfilOrder(params: FulfilParams): Promise<OrderRow> {
  const shipment: ShipmentDetails = {
    carrier: params.carrier.trim(),
    trackingNumber: params.trackingNumber.trim(),
    trackingUrl: params.trackingUrl?.trim() || trackingUrlFor(params.carrier.trim(), params.trackingNumber),
  };
  const read = await db();
  const before = await getOrderOrThrow(read, params.orderId);
  assertFulfillable(before);
  const email = before.status === "processing" ? await renderShippingConfirmation(read, before.id, shipment) : null;

  return writeTransaction(async (tx) => {
    const order = await getOrderOrThrow(tx, params.orderId);
    assertFulfillable(order);
    const isFirstShipment = order.status === "processing";
    // The status moved on between the read and the transaction: the caller retries with a fresh read.
    if (isFirstShipment && !email) throw new AppError("stale_write", "The order changed while this was being saved. Reload and try again.");

    if (isFirstShipment) {
      await transitionOrderStatus(tx, { orderId: order.id, to: "shipped", actor: params.actor, reason: `shipped with ${shipment.carrier}` });
    }
    await tx
      .update(orders)
      .set({ trackingCarrier: shipment.carrier, trackingNumber: shipment.trackingNumber, trackingUrl: shipment.trackingUrl, updatedAt: sqlNow })
      .where(eq(orders.id, order.id));
    const previous = { carrier: order.trackingCarrier, trackingNumber: order.trackingNumber, trackingUrl: order.trackingUrl };
    await recordOrderEvent(tx, {
      orderId: order.id,
      type: isFirstShipment ? "tracking_added" : "tracking_updated",
      message: isFirstShipment
        ? `Shipped with ${shipment.carrier}, tracking number ${shipment.trackingNumber}.`
        : `Tracking changed to ${shipment.carrier} ${shipment.trackingNumber} (was ${[previous.carrier, previous.trackingNumber].filter(Boolean).join(" ") || "none"}).`,
      data: { ...shipment, ...(isFirstShipment ? {} : { previous }) },
      actor: params.actor,
    });
    if (isFirstShipment && email) {
      // Unique per (order, kind): a second first-shipment (after a cancel and re-ship) queues nothing.
      await queueOrderEmail(tx, { orderId: order.id, kind: "shipping_confirmation", to: order.email, email, actor: params.actor });
    }
    return getOrderOrThrow(tx, order.id);
  });
}
