// Money taken back by lost disputes, netted out of every revenue figure by the same statement.
import { sql, type SQL } from "drizzle-orm";
import type { PaymentStatus } from "@/lib/db/schema";

/**
 * The lost disputes' amounts of the orders placed in [startsAt, endsAt) in `currency` whose payment
 * status is one of `paymentStatuses`: what a revenue figure over the same orders subtracts. A lost
 * dispute leaves the order "paid" (the bank took the money back, not a refund), so without this the
 * figure would count money the shop no longer has. Bounds are values or SQL (a bucket's columns).
 * Driven by the disputes table, a handful of rows, each joined to its order by primary key.
 */
export function lostDisputeAmount(params: { startsAt: string | SQL; endsAt?: string | SQL; currency: string; paymentStatuses: readonly PaymentStatus[] }): SQL<number> {
  const statuses = sql.join(
    params.paymentStatuses.map((status) => sql`${status}`),
    sql`, `,
  );
  const before = params.endsAt === undefined ? sql`` : sql` AND lost_order.created_at < ${params.endsAt}`;
  return sql<number>`(
    SELECT coalesce(sum(lost.amount), 0) FROM disputes lost JOIN orders lost_order ON lost_order.id = lost.order_id
    WHERE lost.status = 'lost' AND lost_order.created_at >= ${params.startsAt}${before}
      AND lost_order.currency = ${params.currency} AND lost_order.payment_status IN (${statuses})
  )`;
}
