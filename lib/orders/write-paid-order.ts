// A paid checkout's order in one write batch: read and decide before the write lock, write the whole order in one round trip.
import type { InStatement } from "@libsql/client";
import { eq, sql, type SQL } from "drizzle-orm";
import { deleteCart } from "@/lib/cart/delete-cart";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { completeCheckoutStatement } from "@/lib/checkout/checkout-status";
import { isUsableEmail } from "@/lib/customers/is-usable-email";
import { upsertCustomerStatements } from "@/lib/customers/upsert-customer";
import { fillSqlSlots, isConstraintError, sqlSlot, statementBuilder, toStatement, writeBatch, type Db, type StatementBuilder } from "@/lib/db";
import { discountCodes, orderItems, orders, productVariants, products, shippingRates } from "@/lib/db/schema";
import { fillPrepared, renderPrepared } from "@/lib/email/order-confirmation-email";
import { queueEmailStatements } from "@/lib/email/queue-email";
import { redeemDiscountCodeStatements } from "@/lib/discounts/redeem-discount-code";
import { getAvailability } from "@/lib/inventory/availability";
import { quantitiesByVariant } from "@/lib/inventory/shortfall";
import { takeReservedStockStatements } from "@/lib/inventory/take-reserved-stock";
import { getSettings } from "@/lib/settings";
import { nowIso } from "@/lib/time";
import type { OrderFlag } from "./hold-reasons";
import { buyerOf, orderCreatedEvent, orderItemRow, orderValuesFor } from "./insert-order";
import { newLookupToken } from "./lookup-token";
import { recordOrderEventsStatement, type BatchOrderEventInput } from "./order-events";
import { findOrderForCheckout } from "./order-row";
import { orderPageUrl } from "./order-url";
import type { PaymentFacts } from "./payment-facts";
import { discountRedeemedMessage, paidEvent, settledStatus, stockTakenMessage } from "./settle-order";
import { statusChangedEvents } from "./status-machine";
import { findPaymentProblems, paymentProblemEvents } from "./verify-payment";

type PlanParams = { checkout: CheckoutRow; facts: PaymentFacts; actor: string };

/** Everything the batch writes, decided before it: only the order's sequence number is left to the database. */
export type PaidOrderPlan = PlanParams & {
  now: string;
  orderNumberPrefix: string;
  orderNumberStart: number;
  lookupToken: string;
  flags: OrderFlag[];
  status: "processing" | "on_hold";
  statusReason: string;
  /** The code as read (the batch's guard checks it is unchanged), or null without one. */
  discount: { id: number; code: string; usageLimit: number | null } | null;
  order: ReturnType<typeof orderValuesFor>;
  /** The confirmation, rendered here: its number and link hold the slot for the sequence number. */
  confirmation: { subject: string; html: string; text: string } | null;
};

/**
 * Reads what creating the order needs — outside any transaction, in parallel — and decides it. Null
 * when the checkout is off the common path, for the caller to use createPaidOrder inside a write
 * transaction instead: the checkout already has an order (a duplicate, or a delayed payment
 * settling), a line is no longer covered by stock net of other checkouts' live holds (a shortfall to
 * record), or the discount code is gone or has no use to spare (an overrun to record). Whatever the
 * plan rests on that can move before the batch runs is re-checked by the batch's guards.
 */
export async function planPaidOrder(reader: Db, params: PlanParams): Promise<PaidOrderPlan | null> {
  const { checkout, facts } = params;
  const now = nowIso();
  const requested = quantitiesByVariant(checkout.lines);
  const [existing, settings, availability, [code]] = await Promise.all([
    findOrderForCheckout(reader, checkout.id),
    getSettings(reader),
    getAvailability(reader, [...requested.keys()], { now, excludeCheckoutId: checkout.id }),
    checkout.discountCodeId === null
      ? Promise.resolve([])
      : reader
          .select({ id: discountCodes.id, code: discountCodes.code, uses: discountCodes.uses, usageLimit: discountCodes.usageLimit })
          .from(discountCodes)
          .where(eq(discountCodes.id, checkout.discountCodeId)),
  ]);
  if (existing) return null;
  if ([...requested].some(([variantId, quantity]) => (availability.get(variantId)?.available ?? 0) < quantity)) return null;
  if (checkout.discountCodeId !== null && (!code || (code.usageLimit !== null && code.uses + 1 > code.usageLimit))) return null;

  const { problems, isWrongCountry } = findPaymentProblems(checkout, facts);
  const flags: OrderFlag[] = [...(problems.length > 0 ? (["payment_mismatch"] as const) : []), ...(isWrongCountry ? (["shipping_country_mismatch"] as const) : [])];
  const { to: status, reason: statusReason } = settledStatus(flags);
  const order = orderValuesFor(checkout, facts);
  const lookupToken = newLookupToken();
  const orderNumber = `${settings.orderNumberPrefix}${sqlSlot("orderSeq")}`;

  let confirmation: PaidOrderPlan["confirmation"] = null;
  if (isUsableEmail(order.values.email)) {
    const items = checkout.lines.map((line) => ({ productName: line.productName, variantName: line.variantName, quantity: line.quantity, lineTotal: line.unitPrice * line.quantity }));
    const discountCode = order.quotedCode ?? code?.code ?? null;
    const prepared = await renderPrepared({ order: { ...order.values, orderNumber, lookupToken, status, discountCode }, items, settings });
    confirmation = fillPrepared(prepared, { orderNumber, orderUrl: orderPageUrl({ orderNumber, lookupToken }), needsAttention: status === "on_hold" });
  }
  return {
    ...params,
    now,
    orderNumberPrefix: settings.orderNumberPrefix,
    orderNumberStart: settings.orderNumberStart,
    lookupToken,
    flags,
    status,
    statusReason,
    discount: code ? { id: code.id, code: code.code, usageLimit: code.usageLimit } : null,
    order,
    confirmation,
  };
}

/** A row's id as a subquery, NULL once the row is gone: the snapshot stays the record, as insertOrder's links. */
function idIfExists(b: StatementBuilder, table: typeof productVariants | typeof products | typeof shippingRates, id: number | null | undefined) {
  return id == null ? null : sql<number | null>`(${b.select({ id: table.id }).from(table).where(eq(table.id, id))})`;
}

/**
 * The plan as statements, in createPaidOrder's order, with the events in the same sequence; the
 * statements after the order's insert find it by its checkout (unique). `alsoWrite` adds the
 * caller's own rows (the webhook's event record) to the same batch. `orderIndex` is the order's
 * insert, whose result carries the new id and number.
 */
export function paidOrderStatements(
  plan: PaidOrderPlan,
  alsoWrite: (orderId: SQL<number>) => InStatement[] = () => [],
): { statements: InStatement[]; orderIndex: number } {
  const b = statementBuilder;
  const { checkout, facts, actor } = plan;
  const ofOrder = (column: typeof orders.id | typeof orders.orderNumber | typeof orders.orderSeq) =>
    sql`(${b.select({ value: column }).from(orders).where(eq(orders.checkoutId, checkout.id))})`;
  const orderId = ofOrder(orders.id) as SQL<number>;
  const orderNumber = ofOrder(orders.orderNumber) as SQL<string>;
  const nextSeq = sql<number>`(SELECT coalesce(max(${orders.orderSeq}) + 1, ${plan.orderNumberStart}) FROM ${orders})`;
  const withSeq = (text: string) => fillSqlSlots(text, { orderSeq: ofOrder(orders.orderSeq) });

  const buyer = upsertCustomerStatements(b, buyerOf(checkout, facts));
  const insertOrder = b
    .insert(orders)
    .values({
      ...plan.order.values,
      orderSeq: nextSeq,
      orderNumber: sql<string>`${plan.orderNumberPrefix} || ${nextSeq}`,
      customerId: buyer.customerId,
      status: plan.status,
      paymentStatus: "paid",
      paidAt: plan.now,
      flags: plan.flags,
      discountCode: plan.order.quotedCode ?? plan.discount?.code ?? null,
      shippingRateId: idIfExists(b, shippingRates, plan.order.option?.rateId),
      lookupToken: plan.lookupToken,
    })
    .returning({ id: orders.id, orderNumber: orders.orderNumber });
  const items = b.insert(orderItems).values(
    checkout.lines.map((line) =>
      orderItemRow(line, { orderId, variantId: idIfExists(b, productVariants, line.variantId), productId: idIfExists(b, products, line.productId) }),
    ),
  );
  const stock = takeReservedStockStatements(b, { checkoutId: checkout.id, lines: checkout.lines, reference: orderNumber, actor, now: plan.now });
  const redemption = plan.discount
    ? redeemDiscountCodeStatements(b, { discountCodeId: plan.discount.id, orderId, email: plan.order.values.email, amount: checkout.discountTotal, seen: plan.discount })
    : null;
  const email = plan.confirmation
    ? queueEmailStatements(b, {
        orderId,
        kind: "order_confirmation",
        to: plan.order.values.email,
        email: { subject: withSeq(plan.confirmation.subject), html: withSeq(plan.confirmation.html), text: withSeq(plan.confirmation.text) },
        actor,
      })
    : null;

  const order = plan.order.values;
  const created = orderCreatedEvent(orderId, `${plan.orderNumberPrefix}${sqlSlot("orderSeq")}`, order, checkout, facts, actor);
  const events: BatchOrderEventInput[] = [
    { ...created, message: withSeq(created.message) },
    paidEvent(orderId, order, facts, actor),
    ...(stock.lineCount > 0 ? [{ orderId, type: "stock_updated" as const, message: stockTakenMessage(stock.lineCount), data: sql<string>`json_object('moves', ${stock.moves})`, actor }] : []),
    ...(redemption && plan.discount
      ? [
          {
            orderId,
            type: "discount_applied" as const,
            message: fillSqlSlots(discountRedeemedMessage(plan.discount.code, sqlSlot("uses"), plan.discount.usageLimit), { uses: redemption.uses }),
            data: sql<string>`json_object('code', ${plan.discount.code}, 'amount', ${checkout.discountTotal}, 'uses', ${redemption.uses}, 'usageLimit', ${plan.discount.usageLimit})`,
            actor,
          },
        ]
      : []),
    ...paymentProblemEvents(orderId, checkout, facts, actor),
    ...statusChangedEvents({ orderId, to: plan.status, actor, reason: plan.statusReason, data: { flags: plan.flags } }, "pending"),
    ...(email ? [email.event] : []),
  ];

  const statements = [
    ...buyer.statements,
    insertOrder,
    items,
    ...stock.statements,
    ...(redemption?.statements ?? []),
    deleteCart(b, checkout.cartId),
    ...(email?.statements ?? []),
    completeCheckoutStatement(b, checkout.id),
    recordOrderEventsStatement(b, events as [BatchOrderEventInput, ...BatchOrderEventInput[]]),
  ]
    .map(toStatement)
    .concat(alsoWrite(orderId));
  return { statements, orderIndex: buyer.statements.length };
}

/**
 * Writes the plan in one all-or-nothing batch: one round trip under the write lock. Null when the
 * database refused it — a guard found the stock, the code or the checkout moved since the plan read
 * them, or the order (or the caller's row) already exists — and nothing was written: the caller
 * then creates the order inside a write transaction, which reads again under the lock.
 */
export async function writePaidOrder(plan: PaidOrderPlan, alsoWrite?: (orderId: SQL<number>) => InStatement[]): Promise<{ orderId: number; orderNumber: string } | null> {
  const { statements, orderIndex } = paidOrderStatements(plan, alsoWrite);
  try {
    const results = await writeBatch(statements);
    const row = results[orderIndex]!.rows[0]!;
    return { orderId: Number(row.id), orderNumber: String(row.order_number) };
  } catch (error) {
    if (isConstraintError(error)) return null;
    throw error;
  }
}
