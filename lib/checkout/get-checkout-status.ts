// What the success page tells a shopper who came back from paying: order number, or "still confirming".
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { checkouts, orders } from "@/lib/db/schema";
import { notFound } from "@/lib/app-error";
import { nowIso } from "@/lib/time";

export type CheckoutPaymentStatus =
  /** The webhook created the order. */
  | { state: "paid"; orderNumber: string }
  /** Back from the payment page before the webhook arrived (or the payment is still clearing). */
  | { state: "confirming" }
  | { state: "failed" | "expired" | "replaced" };

/**
 * One statement: the checkout behind a payment session and the order the webhook made from it, if
 * any. Session ids are unguessable, so knowing one is enough to see its order number
 * (and nothing more personal than that).
 */
export async function getCheckoutStatus(db: DbOrTx, sessionId: string, now: string = nowIso()): Promise<CheckoutPaymentStatus> {
  const [row] = await db
    .select({ status: checkouts.status, expiresAt: checkouts.expiresAt, orderNumber: orders.orderNumber })
    .from(checkouts)
    .leftJoin(orders, eq(orders.checkoutId, checkouts.id))
    .where(eq(checkouts.paymentSessionId, sessionId))
    .limit(1);
  if (!row) throw notFound("That payment session");
  if (row.orderNumber) return { state: "paid", orderNumber: row.orderNumber };
  // An open checkout past its hold takes no more payment, whether or not the (daily) cleanup has
  // marked it expired yet: the shopper is told now, not at the next cron run.
  if (row.status === "open" && row.expiresAt <= now) return { state: "expired" };
  if (row.status === "open" || row.status === "completed") return { state: "confirming" };
  return { state: row.status };
}
