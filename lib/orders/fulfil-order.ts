// Fulfilment: the order ships with a tracking number (with its linked orders, in one parcel), and the shopper is told once.
import { eq } from "drizzle-orm";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { orders, sqlNow } from "@/lib/db/schema";
import { renderShippingConfirmation, type ShipmentDetails } from "@/lib/email/shipping-confirmation";
import { trackingUrlFor } from "@/lib/email/tracking-url";
import { AppError } from "@/lib/app-error";
import { findLinkedOrders } from "./linked-orders";
import { getOrderOrThrow } from "./order-row";
import { recordOrderEvent } from "./order-events";
import { queueOrderEmail } from "./queue-order-email";
import type { OrderRow } from "./order-row";
import { transitionOrderStatus } from "./status-machine";

export type FulfilParams = {
  orderId: number;
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string | null;
  actor: string;
  /** One parcel per customer: also ship the linked orders still waiting to ship, with the same tracking. */
  withLinked?: boolean;
};

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

/** A linked order that ships in this parcel: one that could be fulfilled now for the first time. */
export function canShipTogether(order: Pick<OrderRow, "status" | "paymentStatus" | "flags">): boolean {
  return order.status === "processing" && fulfilmentRefusal(order) === null;
}

/** The `disputed` flag stands for a dispute still open or lost (lib/orders/record-dispute.ts). */
const isDisputed = (order: Pick<OrderRow, "flags">) => order.flags.includes("disputed");

const DISPUTED_REFUSAL =
  "The shopper's bank is disputing this payment, so it cannot be shipped: answer the dispute in Stripe's dashboard. If the dispute is won, the order is released for fulfilment.";

function assertFulfillable(order: OrderRow): void {
  const refusal = fulfilmentRefusal(order);
  if (refusal) throw new AppError(refusal === DISPUTED_REFUSAL ? "disputed" : "conflict", refusal, { status: order.status, paymentStatus: order.paymentStatus });
}

const staleWrite = () => new AppError("stale_write", "The order changed while this was being saved. Reload and try again.");

/** One order of the parcel moves to shipped with the tracking and its `tracking_added` event. */
async function shipOne(tx: Tx, order: OrderRow, shipment: ShipmentDetails, params: { actor: string; parcelNote: string; parcelWith: string[] }): Promise<void> {
  await transitionOrderStatus(tx, { orderId: order.id, to: "shipped", actor: params.actor, reason: `shipped with ${shipment.carrier}` });
  await tx
    .update(orders)
    .set({ trackingCarrier: shipment.carrier, trackingNumber: shipment.trackingNumber, trackingUrl: shipment.trackingUrl, updatedAt: sqlNow })
    .where(eq(orders.id, order.id));
  await recordOrderEvent(tx, {
    orderId: order.id,
    type: "tracking_added",
    message: `Shipped with ${shipment.carrier}, tracking number ${shipment.trackingNumber}.${params.parcelNote}`,
    data: { ...shipment, ...(params.parcelWith.length ? { parcelWith: params.parcelWith } : {}) },
    actor: params.actor,
  });
}

/** "HD-1", "HD-1 and HD-2", "HD-1, HD-2 and HD-3". */
const listed = (numbers: readonly string[]) => (numbers.length <= 1 ? (numbers[0] ?? "") : `${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`);

/**
 * The emails are rendered before the write transaction (no rendering inside one); the transaction
 * then moves the order to shipped, stores the tracking, writes `tracking_added` and queues the
 * shipping confirmation together. A second call is a correction: it updates the tracking, writes
 * `tracking_updated`, and queues nothing (the outbox holds one shipping confirmation per order).
 *
 * `withLinked` on a first shipment: the linked orders that can ship now go in the same parcel, in
 * the same transaction, each with its own status change and event. The shopper gets one email
 * listing every order's items (queued on this order); a linked order under another email (never
 * from a checkout, which combines by email, but an order's email can differ from its checkout's)
 * gets its own. If a linked order moved meanwhile, nothing is written (`stale_write`).
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
  const isFirstShipment = before.status === "processing";
  const linked = params.withLinked && isFirstShipment ? (await findLinkedOrders(read, before.id)).filter(canShipTogether) : [];
  const together = linked.filter((order) => order.email === before.email);
  const apart = linked.filter((order) => order.email !== before.email);
  const [email, ...apartEmails] = isFirstShipment
    ? await Promise.all([
        renderShippingConfirmation(read, before.id, shipment, together.map((order) => order.id)),
        ...apart.map((order) => renderShippingConfirmation(read, order.id, shipment)),
      ])
    : [null];

  return writeTransaction(async (tx) => {
    const order = await getOrderOrThrow(tx, params.orderId);
    assertFulfillable(order);
    // The status moved on between the read and the transaction: the caller retries with a fresh read.
    if ((order.status === "processing") !== isFirstShipment) throw staleWrite();

    if (!isFirstShipment) {
      await tx
        .update(orders)
        .set({ trackingCarrier: shipment.carrier, trackingNumber: shipment.trackingNumber, trackingUrl: shipment.trackingUrl, updatedAt: sqlNow })
        .where(eq(orders.id, order.id));
      const previous = { carrier: order.trackingCarrier, trackingNumber: order.trackingNumber, trackingUrl: order.trackingUrl };
      await recordOrderEvent(tx, {
        orderId: order.id,
        type: "tracking_updated",
        message: `Tracking changed to ${shipment.carrier} ${shipment.trackingNumber} (was ${[previous.carrier, previous.trackingNumber].filter(Boolean).join(" ") || "none"}).`,
        data: { ...shipment, previous },
        actor: params.actor,
      });
      return getOrderOrThrow(tx, order.id);
    }

    const linkedNumbers = linked.map((other) => other.orderNumber);
    await shipOne(tx, order, shipment, {
      actor: params.actor,
      parcelNote: linked.length ? ` In one parcel with ${listed(linkedNumbers)}.` : "",
      parcelWith: linkedNumbers,
    });
    for (const other of linked) {
      const row = await getOrderOrThrow(tx, other.id);
      if (!canShipTogether(row)) throw staleWrite();
      const isApart = row.email !== order.email;
      await shipOne(tx, row, shipment, {
        actor: params.actor,
        parcelNote: ` In one parcel with ${order.orderNumber}${isApart ? "." : "; the shipping email went with it."}`,
        parcelWith: [order.orderNumber],
      });
      const ownEmail = isApart ? apartEmails[apart.findIndex((candidate) => candidate.id === row.id)] : undefined;
      if (ownEmail) await queueOrderEmail(tx, { orderId: row.id, kind: "shipping_confirmation", to: row.email, email: ownEmail, actor: params.actor });
    }
    if (email) {
      // Unique per (order, kind): a second first-shipment (after a cancel and re-ship) queues nothing.
      await queueOrderEmail(tx, { orderId: order.id, kind: "shipping_confirmation", to: order.email, email, actor: params.actor });
    }
    return getOrderOrThrow(tx, order.id);
  });
}
