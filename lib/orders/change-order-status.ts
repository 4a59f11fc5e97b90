// The owner's manual status moves: hold, release, mark delivered. Shipping, cancelling and refunding have their own actions.
import { writeTransaction } from "@/lib/db";
import type { OrderStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { getOrderOrThrow } from "./order-row";
import type { OrderRow } from "./order-row";
import { transitionOrderStatus } from "./status-machine";

/**
 * Statuses reachable from the status menu. `shipped` needs tracking (fulfil), `cancelled` a restock
 * choice (cancel) and `refunded` money back (refund), so those go through their own actions.
 */
export const MANUAL_STATUSES = ["processing", "on_hold", "delivered"] as const satisfies readonly OrderStatus[];
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

export async function changeOrderStatus(params: { orderId: number; to: ManualStatus; reason?: string | null; actor: string }): Promise<OrderRow> {
  const reason = params.reason?.trim() || undefined;
  if (params.to === "on_hold" && !reason) throw new AppError("bad_request", "Say why the order is on hold.", { field: "reason" });
  return writeTransaction(async (tx) => {
    const order = await getOrderOrThrow(tx, params.orderId);
    if (params.to === "processing" && order.status === "on_hold" && order.paymentStatus !== "paid" && order.paymentStatus !== "partially_refunded") {
      throw new AppError("conflict", "This order has not been paid, so it cannot be released for fulfilment.");
    }
    await transitionOrderStatus(tx, {
      orderId: order.id,
      to: params.to,
      actor: params.actor,
      reason: reason ?? (params.to === "processing" && order.status === "on_hold" ? "hold released" : undefined),
    });
    return getOrderOrThrow(tx, order.id);
  });
}
