// The order status machine: which moves are legal, and what every status written to an order comes from (with its event).
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { orders, sqlNow, type OrderStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { nowIso } from "@/lib/time";
import { isHoldingFlag, type OrderFlag } from "./hold-reasons";
import { recordOrderEvents, type OrderEventInput } from "./order-events";

/**
 * pending (awaiting payment) → processing (paid, to fulfil) → shipped → delivered, with on_hold for
 * orders that need the owner (stock shortfall, payment mismatch), cancelled and refunded as ends.
 * A delivered or shipped order can still be refunded (a return); nothing leaves cancelled or refunded.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ["processing", "on_hold", "cancelled"],
  processing: ["shipped", "on_hold", "cancelled", "refunded"],
  on_hold: ["processing", "cancelled", "refunded"],
  shipped: ["delivered", "refunded"],
  delivered: ["refunded"],
  cancelled: [],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError("illegal_transition", `An order that is ${from.replace("_", " ")} cannot become ${to.replace("_", " ")}.`, {
      from,
      to,
      allowed: ORDER_TRANSITIONS[from],
    });
  }
}

/** The events of a move from `from`: `status_changed`, plus `cancelled` when it cancels. */
export function statusChangedEvents<Id>(params: Omit<TransitionParams, "orderId"> & { orderId: Id }, from: OrderStatus) {
  const events: (Omit<OrderEventInput, "orderId"> & { orderId: Id })[] = [
    {
      orderId: params.orderId,
      type: "status_changed",
      message: `Status changed from ${from} to ${params.to}${params.reason ? `: ${params.reason}` : "."}`,
      data: { from, to: params.to, ...params.data },
      actor: params.actor,
    },
  ];
  if (params.to === "cancelled") {
    events.push({
      orderId: params.orderId,
      type: "cancelled",
      message: params.reason ? `Order cancelled: ${params.reason}` : "Order cancelled.",
      data: params.data,
      actor: params.actor,
    });
  }
  return events;
}

/** Timestamp columns that record when an order first reached a status. */
const REACHED_AT: Partial<Record<OrderStatus, "shippedAt" | "deliveredAt" | "cancelledAt">> = {
  shipped: "shippedAt",
  delivered: "deliveredAt",
  cancelled: "cancelledAt",
};

export type TransitionParams = {
  orderId: number;
  to: OrderStatus;
  actor: string;
  /** Why, in words the owner reads in the order's history. */
  reason?: string;
  data?: Record<string, unknown>;
};

/**
 * Moves an order to `to`, or throws `illegal_transition` (409). The update is conditional on the
 * status it read, so a concurrent change in another process cannot be overwritten silently: the
 * caller gets `stale_write` instead. Writes `status_changed` (plus `cancelled` when it cancels) in
 * the same transaction; run it inside the caller's write transaction.
 */
export async function transitionOrderStatus(tx: Tx, params: TransitionParams): Promise<{ from: OrderStatus; to: OrderStatus }> {
  const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, params.orderId));
  if (!order) throw new AppError("not_found", "Order was not found.");
  const from = order.status;
  assertTransition(from, params.to);

  const reachedAt = REACHED_AT[params.to];
  const [updated] = await tx
    .update(orders)
    .set({ status: params.to, updatedAt: sqlNow, ...(reachedAt ? { [reachedAt]: nowIso() } : {}) })
    .where(and(eq(orders.id, params.orderId), eq(orders.status, from)))
    .returning({ id: orders.id });
  if (!updated) throw new AppError("stale_write", "The order changed while this was being saved. Reload and try again.");

  const events = statusChangedEvents(params, from);
  await recordOrderEvents(tx, events);
  return { from, to: params.to };
}

/** Where a paid order goes from pending: on hold if a flag holds it, else processing; and why. */
export function settledStatus(flags: readonly OrderFlag[]): { to: "on_hold" | "processing"; reason: string } {
  const holding = flags.filter(isHoldingFlag);
  return holding.length > 0 ? { to: "on_hold", reason: `needs attention (${holding.join(", ").replaceAll("_", " ")})` } : { to: "processing", reason: "payment received" };
}

/**
 * The status a paid order is written with and the events of reaching it. An order is born pending;
 * its payment moves it on (settledStatus) in the same write that records the payment — the insert
 * of a new order, or the update of a pending one — so the order's statement builders
 * (lib/orders/paid-order-statements.ts) take the status and its `status_changed` event from here,
 * and transitionOrderStatus makes every later move.
 */
export function settlement<Id>(params: { orderId: Id; flags: readonly OrderFlag[]; actor: string }) {
  const { to, reason } = settledStatus(params.flags);
  assertTransition("pending", to);
  return { status: to, reason, events: statusChangedEvents({ orderId: params.orderId, to, actor: params.actor, reason, data: { flags: [...params.flags] } }, "pending") };
}

/** The status an order is inserted with before its payment result: pending, with no event of its own (its `created` says it). */
export const INITIAL_ORDER_STATUS = "pending" satisfies OrderStatus;
