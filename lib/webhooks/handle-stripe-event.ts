// Applies a verified Stripe event exactly once: the event-id record and its effects commit in one transaction.
import { eq, type SQL } from "drizzle-orm";
import type { ZodType } from "zod";
import { findCheckoutForSession, type CheckoutRow } from "@/lib/checkout/checkout-row";
import { db, statementBuilder, toStatement, writeTransaction, type DbOrTx, type StatementBuilder, type Tx } from "@/lib/db";
import { webhookEvents } from "@/lib/db/schema";
import { prepareOrderConfirmation, withPreparedOrderConfirmation, type PreparedOrderConfirmation } from "@/lib/email/order-confirmation-email";
import { expireCheckout, failCheckoutPayment } from "@/lib/orders/close-checkout";
import { createAwaitingPaymentOrder, createPaidOrder } from "@/lib/orders/create-order";
import { recordRefund } from "@/lib/orders/record-refund";
import { planPaidOrder, writePaidOrder } from "@/lib/orders/write-paid-order";
import { nowIso } from "@/lib/time";
import {
  paymentFactsFromSession,
  refundFactsFromCharge,
  stripeCharge,
  stripeCheckoutSession,
  type StripeCharge,
  type StripeCheckoutSession,
} from "./stripe-objects";
import type { StripeEventEnvelope } from "./verify-stripe-event";

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

type Applied = Omit<WebhookOutcome, "eventId" | "type">;

type EventHandler<T> = { schema: ZodType<T>; apply: (tx: Tx, object: T, confirmation: PreparedOrderConfirmation | null) => Promise<Applied> };

const ignored = (note: string, checkoutId: string | null = null): Applied => ({ status: "ignored", checkoutId, orderId: null, orderNumber: null, note });

/** Our checkout behind a session: `client_reference_id` first, the stored session id as a fallback. */
function findCheckout(db: DbOrTx, session: StripeCheckoutSession): Promise<CheckoutRow | null> {
  return findCheckoutForSession(db, { checkoutId: session.client_reference_id, sessionId: session.id });
}

/** Sessions of another integration on the same Stripe account are acknowledged, not retried forever. */
const UNKNOWN_CHECKOUT = "No checkout of this store matches the session.";

async function onPaymentSucceeded(tx: Tx, session: StripeCheckoutSession, confirmation: PreparedOrderConfirmation | null): Promise<Applied> {
  const checkout = await findCheckout(tx, session);
  if (!checkout) return ignored(UNKNOWN_CHECKOUT);
  const { order, isNew, isSettled } = await createPaidOrder(tx, { checkout, facts: paymentFactsFromSession(session), confirmation });
  const note = isSettled ? (isNew ? "Order created and paid." : "Pending order paid.") : "The checkout's order already has its payment result.";
  return { status: "processed", checkoutId: checkout.id, orderId: order.id, orderNumber: order.orderNumber, note };
}

/**
 * `completed` says "paid" for cards and "unpaid" for delayed methods, whose result follows as
 * `async_payment_succeeded` / `async_payment_failed`. `no_payment_required` (a 100% discount) is paid.
 */
async function onSessionCompleted(tx: Tx, session: StripeCheckoutSession, confirmation: PreparedOrderConfirmation | null): Promise<Applied> {
  if (session.payment_status !== "unpaid") return onPaymentSucceeded(tx, session, confirmation);
  const checkout = await findCheckout(tx, session);
  if (!checkout) return ignored(UNKNOWN_CHECKOUT);
  const outcome = await createAwaitingPaymentOrder(tx, { checkout, facts: paymentFactsFromSession(session) });
  if (!outcome) return { status: "processed", checkoutId: checkout.id, orderId: null, orderNumber: null, note: "The payment had already failed." };
  return {
    status: "processed",
    checkoutId: checkout.id,
    orderId: outcome.order.id,
    orderNumber: outcome.order.orderNumber,
    note: outcome.isNew ? "Order created, awaiting payment." : "The checkout already has its order.",
  };
}

async function onAsyncPaymentFailed(tx: Tx, session: StripeCheckoutSession): Promise<Applied> {
  const checkout = await findCheckout(tx, session);
  if (!checkout) return ignored(UNKNOWN_CHECKOUT);
  const closure = await failCheckoutPayment(tx, checkout);
  const isStale = closure.order !== null && closure.order.paymentStatus !== "pending";
  return {
    status: "processed",
    checkoutId: checkout.id,
    orderId: closure.order?.id ?? null,
    orderNumber: closure.order?.orderNumber ?? null,
    note: isStale ? "The order was already paid; the failure changes nothing." : `Payment failed; ${closure.releasedReservations} reservation(s) released.`,
  };
}

async function onSessionExpired(tx: Tx, session: StripeCheckoutSession): Promise<Applied> {
  const checkout = await findCheckout(tx, session);
  if (!checkout) return ignored(UNKNOWN_CHECKOUT);
  const closure = await expireCheckout(tx, checkout);
  return {
    status: "processed",
    checkoutId: checkout.id,
    orderId: closure.order?.id ?? null,
    orderNumber: closure.order?.orderNumber ?? null,
    note: closure.order ? "The checkout already has its order; expiry changes nothing." : `Checkout expired; ${closure.releasedReservations} reservation(s) released.`,
  };
}

async function onChargeRefunded(tx: Tx, charge: StripeCharge): Promise<Applied> {
  const facts = refundFactsFromCharge(charge);
  if (!facts) return ignored("The charge has no payment intent.");
  const order = await recordRefund(tx, facts);
  if (!order) return ignored("No order of this store matches the charge.");
  return { status: "processed", checkoutId: order.checkoutId, orderId: order.id, orderNumber: order.orderNumber, note: `Payment status ${order.paymentStatus}.` };
}

const handlers: Record<string, EventHandler<StripeCheckoutSession> | EventHandler<StripeCharge>> = {
  "checkout.session.completed": { schema: stripeCheckoutSession, apply: onSessionCompleted },
  "checkout.session.async_payment_succeeded": { schema: stripeCheckoutSession, apply: onPaymentSucceeded },
  "checkout.session.async_payment_failed": { schema: stripeCheckoutSession, apply: onAsyncPaymentFailed },
  "checkout.session.expired": { schema: stripeCheckoutSession, apply: onSessionExpired },
  "charge.refunded": { schema: stripeCharge, apply: onChargeRefunded },
};

export const HANDLED_EVENT_TYPES = Object.keys(handlers);

/** The event-id record; in a write batch the order id is the batch's subquery for it. */
function recordWebhookEvent(tx: Tx | StatementBuilder, event: StripeEventEnvelope, applied: Pick<Applied, "status" | "checkoutId"> & { orderId: number | SQL<number> | null }) {
  return tx.insert(webhookEvents).values({
    id: event.id,
    type: event.type,
    status: applied.status === "ignored" ? "ignored" : "processed",
    checkoutId: applied.checkoutId,
    orderId: applied.orderId,
    processedAt: nowIso(),
  });
}

const duplicate = (event: StripeEventEnvelope): WebhookOutcome => ({
  eventId: event.id,
  type: event.type,
  status: "duplicate",
  checkoutId: null,
  orderId: null,
  orderNumber: null,
  note: "Already applied.",
});

/** A payment that settles an order: a card's completed session, or a delayed method's success. */
function settlesPayment(type: string, object: unknown): object is StripeCheckoutSession {
  return type === "checkout.session.async_payment_succeeded" || (type === "checkout.session.completed" && (object as StripeCheckoutSession).payment_status !== "unpaid");
}

/**
 * The common case — a new order for a paid checkout whose stock and discount are still there — as
 * one write batch with the event-id record in it: read and decided outside the lock, one round trip
 * under it (lib/orders/write-paid-order.ts). A duplicate delivery racing it fails the batch on the
 * order's unique checkout id or the event's primary key, and writes nothing. Null hands the event to
 * the transaction below: anything off the common path, or a batch a guard refused.
 */
async function applyPaymentInOneBatch(event: StripeEventEnvelope, object: unknown): Promise<WebhookOutcome | null> {
  if (!settlesPayment(event.type, object)) return null;
  const reader = await db();
  const [[seen], checkout] = await Promise.all([
    reader.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, event.id)),
    findCheckout(reader, object),
  ]);
  if (seen) return duplicate(event);
  if (!checkout) return null;
  const plan = await planPaidOrder(reader, { checkout, facts: paymentFactsFromSession(object), actor: "webhook" });
  if (!plan) return null;
  const written = await writePaidOrder(plan, (orderId) => [
    toStatement(recordWebhookEvent(statementBuilder, event, { status: "processed", checkoutId: checkout.id, orderId })),
  ]);
  if (!written) return null;
  return { eventId: event.id, type: event.type, status: "processed", checkoutId: checkout.id, ...written, note: "Order created and paid." };
}

/**
 * The effects and the event-id record commit together or not at all: for the common paid order in
 * one write batch (applyPaymentInOneBatch), otherwise in one write transaction that checks the event
 * id first. Writers are serialised (in-process by the queue, across processes by SQLite's lock), so
 * a duplicate delivery, even one racing the first, finds the committed record (or collides with it)
 * and does nothing; and if anything throws, neither the effects nor the record are kept, and
 * Stripe's retry starts from a clean slate. The event object is validated first: a malformed one is
 * refused (400) unwritten; an order confirmation is rendered before the lock too, so React never
 * runs under it. The transaction stays for what needs to read under the lock: a pending order to
 * settle, a shortfall or a discount overrun to record, an expiry, a failure, a refund.
 */
export async function handleStripeEvent(event: StripeEventEnvelope): Promise<WebhookOutcome> {
  const handler = handlers[event.type];
  const object: unknown = handler ? handler.schema.parse(event.data.object) : null;
  const apply = async (tx: Tx, confirmation: PreparedOrderConfirmation | null): Promise<WebhookOutcome> => {
    const [seen] = await tx.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, event.id));
    if (seen) return duplicate(event);
    const applied = handler
      ? await (handler.apply as EventHandler<unknown>["apply"])(tx, object, confirmation)
      : ignored(`Events of type ${event.type} are not used by this store.`);
    await recordWebhookEvent(tx, event, applied);
    return { eventId: event.id, type: event.type, ...applied };
  };
  const batched = await applyPaymentInOneBatch(event, object);
  if (batched) return batched;
  return withPreparedOrderConfirmation(
    () => prepareConfirmation(event.type, object),
    (confirmation) => writeTransaction((tx) => apply(tx, confirmation)),
  );
}

/** A payment that settles an order gets its confirmation rendered here, before the writer lock is taken. */
async function prepareConfirmation(type: string, object: unknown): Promise<PreparedOrderConfirmation | null> {
  const checkout = settlesPayment(type, object) ? await findCheckout(await db(), object) : null;
  return checkout ? prepareOrderConfirmation(await db(), { checkout, facts: paymentFactsFromSession(object as StripeCheckoutSession) }) : null;
}
