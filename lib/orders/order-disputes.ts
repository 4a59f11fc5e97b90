// An order's disputes as the admin shows them, each with its page in Stripe's dashboard.
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { disputes } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { isHoldingDisputeStatus, stripeDisputeUrl } from "./dispute-statuses";
import type { DisputeRow } from "./record-dispute";

export type OrderDispute = DisputeRow & { isHolding: boolean; dashboardUrl: string };

/**
 * The row keeps no test/live mark, so the link follows the shop's Stripe key: the disputes a shop
 * receives come from the account and mode its key belongs to.
 */
const isLiveStripeKey = () => env().STRIPE_SECRET_KEY?.startsWith("sk_live_") === true || env().STRIPE_SECRET_KEY?.startsWith("rk_live_") === true;

/** Oldest first: a second dispute on one payment is rare but possible (an appeal, a partial one). */
export async function listOrderDisputes(db: DbOrTx, orderId: number): Promise<OrderDispute[]> {
  const rows = await db.select().from(disputes).where(eq(disputes.orderId, orderId)).orderBy(asc(disputes.id));
  const isLive = isLiveStripeKey();
  return rows.map((row) => ({ ...row, isHolding: isHoldingDisputeStatus(row.status), dashboardUrl: stripeDisputeUrl(row.providerDisputeId, isLive) }));
}
