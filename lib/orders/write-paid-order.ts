// A paid order's fast path: planned and rendered before the write lock, written in one guarded batch (one round trip under it).
import { guardRefusal, writeBatch, type DbOrTx } from "@/lib/db";
import { prepareOrderConfirmation, type OrderConfirmationProps, type PreparedOrderConfirmation } from "@/lib/email/order-confirmation-email";
import { recordOrderFallback } from "./order-fallbacks";
import { planPaidOrder, type PaidOrderParams, type PaidOrderPlan } from "./paid-order-plan";
import { paidOrderStatements, type AlsoWrite } from "./paid-order-statements";

/** A plan's confirmation rendered, and the secret link token it was rendered with (kept if the order is planned again). */
export type PreparedPaidOrder = { lookupToken: string | undefined; confirmation: PreparedOrderConfirmation | null };

/** Renders the plan's confirmation (outside any transaction). */
export async function preparePlan(plan: PaidOrderPlan): Promise<PreparedPaidOrder> {
  return { lookupToken: plan.order.kind === "new" ? plan.order.lookupToken : undefined, confirmation: await prepareOrderConfirmation(plan.confirmation) };
}

/** Plans from reads before the lock and renders; null when the order already has its payment result. */
export async function preparePaidOrder(reader: DbOrTx, params: PaidOrderParams): Promise<PreparedPaidOrder | null> {
  const planned = await planPaidOrder(reader, params);
  return "plan" in planned ? preparePlan(planned.plan) : null;
}

/**
 * Writes the plan in one all-or-nothing batch. Null when one of the plan's named guards refused it
 * — the order, the stock or the code moved since the plan read them (or, through `also`, what the
 * caller's own rows rest on did) — and nothing was written: the fallback is logged and counted, and the
 * caller decides again under the lock (createPaidOrder). Any other error is thrown: it is a fault,
 * not a race, and the event is answered 500 with nothing written.
 */
export async function writePaidOrder(
  plan: PaidOrderPlan,
  prepared: PreparedPaidOrder,
  also?: AlsoWrite,
): Promise<{ orderId: number; orderNumber: string } | null> {
  const { statements, orderIndex } = paidOrderStatements(plan, prepared.confirmation?.email ?? null, also);
  try {
    const results = await writeBatch(statements);
    const row = results[orderIndex]!.rows[0]!;
    return { orderId: Number(row.id), orderNumber: String(row.order_number) };
  } catch (error) {
    const guard = guardRefusal(error);
    if (guard === null) throw error;
    recordOrderFallback(guard, plan.checkout.id);
    return null;
  }
}

/**
 * Thrown inside the locked path when the order decided under the lock reads differently from what
 * was rendered (the stock fell short meanwhile, the settings changed): the transaction rolls back
 * and withPreparedPaidOrder renders these props, outside the lock, and runs it again.
 */
export class StaleOrderConfirmation extends Error {
  constructor(
    readonly lookupToken: string | undefined,
    readonly props: OrderConfirmationProps | null,
  ) {
    super("The prepared order confirmation does not match the order; render it again.");
    this.name = "StaleOrderConfirmation";
  }
}

const MAX_RENDERS = 3;

/** Runs `work` (a write transaction that may write a paid order) with its confirmation rendered beforehand, again when it was stale. */
export async function withPreparedPaidOrder<T>(prepare: () => Promise<PreparedPaidOrder | null>, work: (prepared: PreparedPaidOrder | null) => Promise<T>): Promise<T> {
  let prepared = await prepare();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(prepared);
    } catch (error) {
      if (!(error instanceof StaleOrderConfirmation) || attempt >= MAX_RENDERS) throw error;
      if (prepared?.confirmation) console.warn("[email] the prepared order confirmation was stale; rendering it again from the order");
      prepared = { lookupToken: error.lookupToken, confirmation: await prepareOrderConfirmation(error.props) };
    }
  }
}
