// A paid order's fast path: planned and rendered before the write lock, written in one guarded batch (one round trip under it).
import { isDeepStrictEqual } from "node:util";
import type { PaidOrderAlert } from "./paid-order-alert";
import { guardRefusal, writeBatch, type DbOrTx } from "@/lib/db";
import { renderOwnerAlertWith } from "@/lib/email/owner-alert";
import type { RenderedEmail } from "@/lib/email/render-email";
import type { Settings } from "@/lib/settings";
import { prepareOrderConfirmation, type OrderConfirmationProps, type PreparedOrderConfirmation } from "@/lib/email/order-confirmation-email";
import { recordOrderFallback } from "./order-fallbacks";
import { planPaidOrder, type PaidOrderParams, type PaidOrderPlan } from "./paid-order-plan";
import { paidOrderStatements, type AlsoWrite } from "./paid-order-statements";

/** The owner's alert about the order rendered, and what it was rendered from. */
export type PreparedPaidOrderAlert = { alert: PaidOrderAlert; settings: Settings; email: RenderedEmail };

/** A plan's confirmation and alert rendered, and the secret link token they were rendered with (kept if the order is planned again). */
export type PreparedPaidOrder = { lookupToken: string | undefined; confirmation: PreparedOrderConfirmation | null; alert: PreparedPaidOrderAlert | null };

async function prepareAlert(alert: PaidOrderAlert | null, settings: Settings): Promise<PreparedPaidOrderAlert | null> {
  return alert ? { alert, settings, email: await renderOwnerAlertWith(settings, alert.content) } : null;
}

/** Whether a rendered alert still says what the plan decided (the same alert, under the same branding). */
export function isSameAlert(prepared: PreparedPaidOrderAlert | null, plan: Pick<PaidOrderPlan, "alert" | "settings">): boolean {
  if (prepared === null || plan.alert === null) return prepared === null && plan.alert === null;
  return isDeepStrictEqual(prepared.alert, plan.alert) && isDeepStrictEqual(prepared.settings, plan.settings);
}

/** Renders the plan's confirmation and alert (outside any transaction). */
export async function preparePlan(plan: PaidOrderPlan): Promise<PreparedPaidOrder> {
  const [confirmation, alert] = await Promise.all([prepareOrderConfirmation(plan.confirmation), prepareAlert(plan.alert, plan.settings)]);
  return { lookupToken: plan.order.kind === "new" ? plan.order.lookupToken : undefined, confirmation, alert };
}

/** What the statements take from a preparation. */
export function renderedEmails(prepared: PreparedPaidOrder | null) {
  return { confirmation: prepared?.confirmation?.email ?? null, alert: prepared?.alert?.email ?? null };
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
  const { statements, orderIndex } = paidOrderStatements(plan, renderedEmails(prepared), also);
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
 * and withPreparedPaidOrder renders these props (the confirmation's and the owner's alert's),
 * outside the lock, and runs it again. This is how an order held only under the lock still gets
 * its hold alert rendered before it.
 */
export class StaleOrderConfirmation extends Error {
  constructor(
    readonly lookupToken: string | undefined,
    readonly props: OrderConfirmationProps | null,
    readonly alert: { alert: PaidOrderAlert | null; settings: Settings },
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
      const [confirmation, alert] = await Promise.all([prepareOrderConfirmation(error.props), prepareAlert(error.alert.alert, error.alert.settings)]);
      prepared = { lookupToken: error.lookupToken, confirmation, alert };
    }
  }
}
