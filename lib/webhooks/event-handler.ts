// What a Stripe event handler is: the object's schema, optional work before the writer lock, and the effects under it.
import type { ZodType } from "zod";
import type { Tx } from "@/lib/db";

export type WebhookOutcome = {
  eventId: string;
  type: string;
  /** `duplicate`: this event id was applied before, so nothing happened this time. */
  status: "processed" | "ignored" | "duplicate";
  checkoutId: string | null;
  orderId: number | null;
  orderNumber: string | null;
  note: string;
};

export type Applied = Omit<WebhookOutcome, "eventId" | "type">;

/**
 * `prepare` runs before the writer lock is taken: reads, and any email the effects may queue is
 * rendered there (no React under the lock). `apply` runs in the transaction that records the event
 * id, with what `prepare` answered; it decides from what it reads under the lock, so a prepared
 * email that turns out not to be needed is simply not queued.
 */
export type EventHandler<T, P = null> = {
  schema: ZodType<T>;
  prepare?: (object: T) => Promise<P>;
  apply: (tx: Tx, object: T, prepared: P) => Promise<Applied>;
};

/** Typed at the definition, stored loosely in the registry (lib/webhooks/handle-stripe-event.ts). */
export function eventHandler<T, P = null>(handler: EventHandler<T, P>): EventHandler<unknown, unknown> {
  return handler as unknown as EventHandler<unknown, unknown>;
}

export const ignored = (note: string, checkoutId: string | null = null): Applied => ({ status: "ignored", checkoutId, orderId: null, orderNumber: null, note });
