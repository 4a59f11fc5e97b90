// The one set of statements that writes a paid order, from its plan: the same on the batch and on the locked path.
import type { InStatement } from "@libsql/client";
import { paidOrderAlertSlots } from "./paid-order-alert";
import { NOW_SQL_TEXT, boundSql, guardStatement, textStatement, type BoundSql, type Guard } from "@/lib/db";
import { deleteCart } from "@/lib/cart/delete-cart";
import { completeCheckoutStatement } from "@/lib/checkout/checkout-status";
import { codeStillGoneSql, redeemDiscountCodeStatements, redemptionStillHoldsSql } from "@/lib/discounts/redeem-discount-code";
import { queueEmailStatements } from "@/lib/email/queue-email";
import type { RenderedEmail } from "@/lib/email/render-email";
import { stockTakesStillHoldSql, takeReservedStockStatements } from "@/lib/inventory/take-reserved-stock";
import { insertOrderStatements, orderOfCheckout, withOrderNumber } from "./insert-order";
import { recordOrderEventsStatement, type BatchOrderEventInput } from "./order-events";
import type { PaidOrderPlan } from "./paid-order-plan";
import { discountEvents, paidEvent, stockEvents } from "./settle-order";
import { settlement } from "./status-machine";
import { paymentProblemEvents } from "./verify-payment";

/** The caller's rows written with the order (the order's id is a subquery), and what they rest on. */
export type AlsoWrite = { guards: Guard[]; write: (orderId: BoundSql) => InStatement[] };

const NOTHING_ELSE: AlsoWrite = { guards: [], write: () => [] };

/**
 * What the plan rests on that another writer can move before a batch runs, each as a named guard
 * checked under the write lock before anything is written: the checkout has no order yet (or its
 * order is still the pending one the plan settles), the stock still covers exactly what the plan
 * takes, and the code is still as read. On the locked path the plan was read under the lock, so
 * they hold; they run there too, so both paths send the same statements.
 */
function orderGuards(plan: PaidOrderPlan): Guard[] {
  const { checkout } = plan;
  const guards: Guard[] = [{ name: "order", holds: boundSql(plan.order.kind === "new" ? NO_ORDER_YET : ORDER_STILL_PENDING, [checkout.id]) }];
  if (plan.takes.length > 0) guards.push({ name: "stock", holds: stockTakesStillHoldSql({ checkoutId: checkout.id, now: plan.now, takes: plan.takes }) });
  if (plan.redemption) guards.push({ name: "discount", holds: redemptionStillHoldsSql(plan.redemption) });
  else if (checkout.discountCodeId !== null) guards.push({ name: "discount", holds: codeStillGoneSql(checkout.discountCodeId) });
  return guards;
}

const NO_ORDER_YET = 'NOT EXISTS (SELECT 1 FROM "orders" WHERE "checkout_id" = ?)';
const ORDER_STILL_PENDING = `EXISTS (SELECT 1 FROM "orders" WHERE "checkout_id" = ? AND "status" = 'pending' AND "payment_status" = 'pending')`;
const SETTLE_PENDING_ORDER =
  `UPDATE "orders" SET "payment_status" = 'paid', "paid_at" = ?, "payment_intent_id" = ?, "flags" = ?, "status" = ?, "updated_at" = ${NOW_SQL_TEXT} ` +
  'WHERE "id" = ? RETURNING "id", "order_number"';

/** The plan's emails rendered before the lock: the shopper's confirmation and the owner's alert (their slots still open). */
export type PaidOrderEmails = { confirmation: RenderedEmail | null; alert: RenderedEmail | null };

/**
 * The plan as statements: guards, then the buyer and the order (inserted settled, or the pending one
 * updated), the stock taken, the code's use, the cart gone, the confirmation and the owner's alert
 * queued, the checkout completed, and the order's events in one insert, in the order the history
 * reads. `emails` are the plan's renderings (the order's number and id filled here from the row the
 * write makes). The alert is queued once per order by its key; its switch is the plan's reading of
 * the settings — on the batch path from just before the lock, like the confirmation's branding.
 * `also` adds the caller's own rows (the webhook's event record) and the guards they rest on to the
 * same write. `orderIndex` is the order's insert or update, whose result carries its id and number.
 */
export function paidOrderStatements(plan: PaidOrderPlan, emails: PaidOrderEmails, also: AlsoWrite = NOTHING_ELSE): { statements: InStatement[]; orderIndex: number } {
  const email = emails.confirmation;
  const { checkout, facts, actor } = plan;
  const orderId = orderOfCheckout(checkout.id);
  const settled = settlement({ orderId, flags: plan.flags, actor });

  const order = orderWrite(plan, settled.status);
  const stock = takeReservedStockStatements({ checkoutId: checkout.id, takes: plan.takes, reference: orderOfCheckout(checkout.id, "orderNumber"), actor });
  const redemption = plan.redemption
    ? redeemDiscountCodeStatements({ decision: plan.redemption, orderId, email: order.figures.email, amount: checkout.discountTotal })
    : null;
  const queued = email
    ? queueEmailStatements({
        orderId,
        kind: "order_confirmation",
        to: order.figures.email,
        email: { subject: withOrderNumber(checkout.id, email.subject), html: withOrderNumber(checkout.id, email.html), text: withOrderNumber(checkout.id, email.text) },
        actor,
      })
    : null;
  const alert = plan.alert && emails.alert ? ownerAlertStatements(plan, emails.alert, orderId) : [];

  const events: BatchOrderEventInput[] = [
    ...order.created,
    paidEvent(orderId, order.figures, facts, actor),
    ...stockEvents(orderId, plan.takes, checkout.lines, stock.moves, actor),
    ...(plan.redemption && redemption
      ? discountEvents(orderId, { ...plan.redemption, amount: checkout.discountTotal }, redemption.uses, actor)
      : []),
    ...paymentProblemEvents(orderId, checkout, facts, actor),
    ...settled.events,
    ...(queued ? [queued.event] : []),
  ];
  const statements = [
    guardStatement([...orderGuards(plan), ...also.guards]),
    ...[
      ...order.statements,
      ...stock.statements,
      ...(redemption?.statements ?? []),
      deleteCart(checkout.cartId),
      ...(queued?.statements ?? []),
      ...alert,
      completeCheckoutStatement(checkout.id),
      recordOrderEventsStatement(events as [BatchOrderEventInput, ...BatchOrderEventInput[]]),
    ].map(textStatement),
    ...also.write(orderId),
  ];
  return { statements, orderIndex: 1 + order.orderIndex };
}

/** The owner's alert about this order, with its key and texts completed from the order's row (no order event: it is the owner's mail, not the order's). */
function ownerAlertStatements(plan: PaidOrderPlan, email: RenderedEmail, orderId: BoundSql) {
  const alert = plan.alert!;
  const slots = paidOrderAlertSlots({ orderId, orderSeq: orderOfCheckout(plan.checkout.id, "orderSeq") });
  const { statements } = queueEmailStatements({
    orderId,
    kind: "owner_alert",
    to: alert.to,
    email: { subject: slots.fill(email.subject), html: slots.fill(email.html), text: slots.fill(email.text) },
    actor: "system",
    idempotencyKey: slots.key(alert),
  });
  return statements;
}

/** A new order inserted settled, or the pending order updated: the status from the status machine's settlement. */
function orderWrite(plan: PaidOrderPlan, status: "processing" | "on_hold") {
  const { checkout, facts, actor } = plan;
  if (plan.order.kind === "new") {
    const inserted = insertOrderStatements({
      checkout,
      facts,
      actor,
      numbering: plan.settings,
      lookupToken: plan.order.lookupToken,
      discountCode: plan.order.discountCode,
      status,
      paymentStatus: "paid",
      paidAt: plan.now,
      flags: plan.flags,
    });
    return { statements: inserted.statements, orderIndex: inserted.orderIndex, created: [inserted.created], figures: inserted.values };
  }
  const { row } = plan.order;
  const flags = [...new Set([...row.flags, ...plan.flags])];
  const update = boundSql(SETTLE_PENDING_ORDER, [plan.now, facts.paymentIntentId ?? row.paymentIntentId, JSON.stringify(flags), status, row.id]);
  return { statements: [update], orderIndex: 0, created: [], figures: row };
}
