// Applies a verified Stripe event exactly once: the event-id record and its effects commit in one transaction.
import type { InStatement } from "@libsql/client";
import { eq } from "drizzle-orm";
import { findCheckoutForSession, type CheckoutRow } from "@/lib/checkout/checkout-row";
import { NOW_SQL_TEXT, boundSql, db, joinSql, textStatement, writeTransaction, type BoundSql, type DbOrTx, type Tx } from "@/lib/db";
import { webhookEvents } from "@/lib/db/schema";
import { expireCheckout, failCheckoutPayment } from "@/lib/orders/close-checkout";
import { createAwaitingPaymentOrder, createPaidOrder } from "@/lib/orders/create-order";
import { planPaidOrder } from "@/lib/orders/paid-order-plan";
import { preparePaidOrder, preparePlan, withPreparedPaidOrder, writePaidOrder, type PreparedPaidOrder } from "@/lib/orders/write-paid-order";
import { nowIso } from "@/lib/time";
import { eventHandler, ignored, type Applied, type EventHandler, type WebhookOutcome } from "./event-handler";
import { disputeEventHandlers } from "./dispute-events";
import { refundEventHandlers } from "./refund-events";
import { paymentFactsFromSession, stripeCheckoutSession, type StripeCheckoutSession } from "./stripe-objects";
import type { StripeEventEnvelope } from "./verify-stripe-event";

export type { WebhookOutcome } from "./event-handler";

const EVENT_NOT_SEEN = 'NOT EXISTS (SELECT 1 FROM "webhook_events" WHERE "id" = ?)';
const RECORD_PROCESSED = [
  `INSERT INTO "webhook_events" ("id", "type", "status", "checkout_id", "order_id", "error", "received_at", "processed_at") VALUES (?, ?, 'processed', ?, `,
  `, NULL, ${NOW_SQL_TEXT}, ?)`,
] as const;

/** recordWebhookEvent of a processed payment, in its write batch (the order id the batch's subquery), as text built once. */
function recordProcessedPayment(event: StripeEventEnvelope, checkoutId: string, orderId: BoundSql): InStatement {
  return textStatement(joinSql([boundSql(RECORD_PROCESSED[0], [event.id, event.type, checkoutId]), orderId, boundSql(RECORD_PROCESSED[1], [nowIso()])]));
}

/** Our checkout behind a session: `client_reference_id` first, the stored session id as a fallback. */
function findCheckout(db: DbOrTx, session: StripeCheckoutSession): Promise<CheckoutRow | null> {
  return findCheckoutForSession(db, { checkoutId: session.client_reference_id, sessionId: session.id });
}

/** Sessions of another integration on the same Stripe account are acknowledged, not retried forever. */
const UNKNOWN_CHECKOUT = "No checkout of this store matches the session.";

async function onPaymentSucceeded(tx: Tx, session: StripeCheckoutSession, prepared: PreparedPaidOrder | null): Promise<Applied> {
  const checkout = await findCheckout(tx, session);
  if (!checkout) return ignored(UNKNOWN_CHECKOUT);
  const { order, isNew, isSettled } = await createPaidOrder(tx, { checkout, facts: paymentFactsFromSession(session), actor: "webhook", prepared });
  const note = isSettled ? (isNew ? "Order created and paid." : "Pending order paid.") : "The checkout's order already has its payment result.";
  return { status: "processed", checkoutId: checkout.id, orderId: order.id, orderNumber: order.orderNumber, note };
}

/**
 * `completed` says "paid" for cards and "unpaid" for delayed methods, whose result follows as
 * `async_payment_succeeded` / `async_payment_failed`. `no_payment_required` (a 100% discount) is paid.
 */
async function onSessionCompleted(tx: Tx, session: StripeCheckoutSession, prepared: PreparedPaidOrder | null): Promise<Applied> {
  if (session.payment_status !== "unpaid") return onPaymentSucceeded(tx, session, prepared);
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

/** A checkout session's events; a payment's confirmation is rendered before the lock (prepareForLock), not by `prepare`. */
const sessionHandler = (apply: EventHandler<StripeCheckoutSession, PreparedPaidOrder | null>["apply"]) => eventHandler({ schema: stripeCheckoutSession, apply });

const handlers: Record<string, EventHandler<unknown, unknown>> = {
  "checkout.session.completed": sessionHandler(onSessionCompleted),
  "checkout.session.async_payment_succeeded": sessionHandler(onPaymentSucceeded),
  "checkout.session.async_payment_failed": sessionHandler(onAsyncPaymentFailed),
  "checkout.session.expired": sessionHandler(onSessionExpired),
  ...refundEventHandlers,
  ...disputeEventHandlers,
};

export const HANDLED_EVENT_TYPES = Object.keys(handlers);

/** The event-id record; in a write batch the order id is the batch's subquery for it. */
function recordWebhookEvent(tx: Tx, event: StripeEventEnvelope, applied: Pick<Applied, "status" | "checkoutId"> & { orderId: number | null }) {
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
 * A payment that settles an order, as one write batch with the event-id record in it: planned and
 * rendered outside the lock, one round trip under it (lib/orders/write-paid-order.ts). `outcome`
 * when it was written (or the event was a duplicate); otherwise what the locked path starts from:
 * the confirmation already rendered, when a named guard refused the batch (a duplicate delivery
 * racing this one trips the `event` guard). Null for every other event.
 */
async function applyPaymentInOneBatch(event: StripeEventEnvelope, object: unknown): Promise<{ outcome: WebhookOutcome } | { prepared: PreparedPaidOrder | null } | null> {
  if (!settlesPayment(event.type, object)) return null;
  const reader = await db();
  const [[seen], checkout] = await Promise.all([
    reader.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, event.id)),
    findCheckout(reader, object),
  ]);
  if (seen) return { outcome: duplicate(event) };
  if (!checkout) return { prepared: null };
  const planned = await planPaidOrder(reader, { checkout, facts: paymentFactsFromSession(object), actor: "webhook" });
  if ("settled" in planned) return { prepared: null };
  const prepared = await preparePlan(planned.plan);
  const written = await writePaidOrder(planned.plan, prepared, {
    guards: [{ name: "event", holds: boundSql(EVENT_NOT_SEEN, [event.id]) }],
    write: (orderId) => [recordProcessedPayment(event, checkout.id, orderId)],
  });
  if (!written) return { prepared };
  const note = planned.plan.order.kind === "new" ? "Order created and paid." : "Pending order paid.";
  return { outcome: { eventId: event.id, type: event.type, status: "processed", checkoutId: checkout.id, ...written, note } };
}

/**
 * The effects and the event-id record commit together or not at all: for a payment in one write
 * batch (applyPaymentInOneBatch), otherwise — or when a guard refused the batch — in one write
 * transaction that checks the event id first (handleStripeEventUnderLock). Writers are serialised
 * (in-process by the queue, across processes by SQLite's lock), so a duplicate delivery, even one
 * racing the first, finds the committed record (or trips the batch's guard on it) and does nothing;
 * and if anything throws, neither the effects nor the record are kept, and Stripe's retry starts
 * from a clean slate. The event object is validated first: a malformed one is refused (400)
 * unwritten; an order confirmation is rendered before the lock too, so React never runs under it.
 */
export async function handleStripeEvent(event: StripeEventEnvelope): Promise<WebhookOutcome> {
  const object = parseObject(event);
  const batched = await applyPaymentInOneBatch(event, object);
  if (batched && "outcome" in batched) return batched.outcome;
  return applyUnderLock(event, object, batched ? async () => batched.prepared : () => prepareForLock(event.type, object));
}

/**
 * The locked path alone: what a refused batch falls back to, and what every event that is not a
 * payment takes — a delayed payment's pending order, an expiry, a failure, a refund, an unknown
 * checkout, an order already paid. Reads under the lock, and writes a payment's order with the
 * statements the batch would have sent.
 */
export async function handleStripeEventUnderLock(event: StripeEventEnvelope): Promise<WebhookOutcome> {
  const object = parseObject(event);
  return applyUnderLock(event, object, () => prepareForLock(event.type, object));
}

function parseObject(event: StripeEventEnvelope): unknown {
  const handler = handlers[event.type];
  return handler ? handler.schema.parse(event.data.object) : null;
}

function applyUnderLock(event: StripeEventEnvelope, object: unknown, prepare: () => Promise<unknown>): Promise<WebhookOutcome> {
  const handler = handlers[event.type];
  const apply = async (tx: Tx, prepared: unknown): Promise<WebhookOutcome> => {
    const [seen] = await tx.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, event.id));
    if (seen) return duplicate(event);
    const applied = handler ? await handler.apply(tx, object, prepared) : ignored(`Events of type ${event.type} are not used by this store.`);
    await recordWebhookEvent(tx, event, applied);
    return { eventId: event.id, type: event.type, ...applied };
  };
  if (!settlesPayment(event.type, object)) return prepare().then((prepared) => writeTransaction((tx) => apply(tx, prepared)));
  return withPreparedPaidOrder(prepare as () => Promise<PreparedPaidOrder | null>, (prepared) => writeTransaction((tx) => apply(tx, prepared)));
}

/**
 * Before the writer lock is taken: a payment that settles an order gets its confirmation rendered;
 * any other handler runs its own `prepare` (reads, emails it may queue).
 */
async function prepareForLock(type: string, object: unknown): Promise<unknown> {
  if (settlesPayment(type, object)) {
    const reader = await db();
    const checkout = await findCheckout(reader, object);
    return checkout ? preparePaidOrder(reader, { checkout, facts: paymentFactsFromSession(object), actor: "webhook" }) : null;
  }
  const handler = handlers[type];
  return handler?.prepare ? handler.prepare(object) : null;
}
