// The one set of statements that writes a paid order, from its plan: the same on the batch and on the locked path.
import type { InStatement } from "@libsql/client";
import { eq, sql, type SQL } from "drizzle-orm";
import { paidOrderAlertSlots } from "./paid-order-alert";
import { guardStatement, statementBuilder, toStatement, type Guard } from "@/lib/db";
import { deleteCart } from "@/lib/cart/delete-cart";
import { completeCheckoutStatement } from "@/lib/checkout/checkout-status";
import { orders, sqlNow } from "@/lib/db/schema";
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
export type AlsoWrite = { guards: Guard[]; write: (orderId: SQL<number>) => InStatement[] };

const NOTHING_ELSE: AlsoWrite = { guards: [], write: () => [] };

/**
 * What the plan rests on that another writer can move before a batch runs, each as a named guard
 * checked under the write lock before anything is written: the checkout has no order yet (or its
 * order is still the pending one the plan settles), the stock still covers exactly what the plan
 * takes, and the code is still as read. On the locked path the plan was read under the lock, so
 * they hold; they run there too, so both paths send the same statements.
 */
function orderGuards(plan: PaidOrderPlan): Guard[] {
  const b = statementBuilder;
  const { checkout } = plan;
  const existing = b.select({ one: sql`1` }).from(orders).where(eq(orders.checkoutId, checkout.id));
  const pending = b
    .select({ one: sql`1` })
    .from(orders)
    .where(sql`${orders.checkoutId} = ${checkout.id} AND ${orders.status} = 'pending' AND ${orders.paymentStatus} = 'pending'`);
  const guards: Guard[] = [{ name: "order", holds: plan.order.kind === "new" ? sql`NOT EXISTS ${existing}` : sql`EXISTS ${pending}` }];
  if (plan.takes.length > 0) guards.push({ name: "stock", holds: stockTakesStillHoldSql(b, { checkoutId: checkout.id, now: plan.now, takes: plan.takes }) });
  if (plan.redemption) guards.push({ name: "discount", holds: redemptionStillHoldsSql(b, plan.redemption) });
  else if (checkout.discountCodeId !== null) guards.push({ name: "discount", holds: codeStillGoneSql(b, checkout.discountCodeId) });
  return guards;
}

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
  const b = statementBuilder;
  const { checkout, facts, actor } = plan;
  const orderId = orderOfCheckout(b, checkout.id);
  const orderNumber = sql<string>`(${b.select({ orderNumber: orders.orderNumber }).from(orders).where(eq(orders.checkoutId, checkout.id))})`;
  const settled = settlement({ orderId, flags: plan.flags, actor });

  const order = orderWrite(plan, settled.status);
  const stock = takeReservedStockStatements(b, { checkoutId: checkout.id, takes: plan.takes, reference: orderNumber, actor });
  const redemption = plan.redemption
    ? redeemDiscountCodeStatements(b, { decision: plan.redemption, orderId, email: order.figures.email, amount: checkout.discountTotal })
    : null;
  const queued = email
    ? queueEmailStatements(b, {
        orderId,
        kind: "order_confirmation",
        to: order.figures.email,
        email: { subject: withOrderNumber(b, checkout.id, email.subject), html: withOrderNumber(b, checkout.id, email.html), text: withOrderNumber(b, checkout.id, email.text) },
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
      deleteCart(b, checkout.cartId),
      ...(queued?.statements ?? []),
      ...alert,
      completeCheckoutStatement(b, checkout.id),
      recordOrderEventsStatement(b, events as [BatchOrderEventInput, ...BatchOrderEventInput[]]),
    ].map(toStatement),
    ...also.write(orderId),
  ];
  return { statements, orderIndex: 1 + order.orderIndex };
}

/** The owner's alert about this order, with its key and texts completed from the order's row (no order event: it is the owner's mail, not the order's). */
function ownerAlertStatements(plan: PaidOrderPlan, email: RenderedEmail, orderId: SQL<number>) {
  const b = statementBuilder;
  const alert = plan.alert!;
  const slots = paidOrderAlertSlots({ orderId, orderSeq: orderOfCheckout(b, plan.checkout.id, orders.orderSeq) });
  const { statements } = queueEmailStatements(b, {
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
  const b = statementBuilder;
  const { checkout, facts, actor } = plan;
  if (plan.order.kind === "new") {
    const inserted = insertOrderStatements(b, {
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
  const update = b
    .update(orders)
    .set({
      paymentStatus: "paid",
      paidAt: plan.now,
      paymentIntentId: facts.paymentIntentId ?? row.paymentIntentId,
      flags: [...new Set([...row.flags, ...plan.flags])],
      status,
      updatedAt: sqlNow,
    })
    .where(eq(orders.id, row.id))
    .returning({ id: orders.id, orderNumber: orders.orderNumber });
  return { statements: [update], orderIndex: 0, created: [], figures: row };
}
