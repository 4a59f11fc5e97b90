// What a customer has bought: order count, money spent net of refunds, first and last order.
import { sql } from "drizzle-orm";
import { customers, orders } from "@/lib/db/schema";

/**
 * Orders that took money count; an abandoned or failed payment does not. "Spent" is net of refunds.
 * Each figure is a correlated subquery on `orders_customer_idx` (customer_id, created_at), so a page
 * of 50 customers reads only their own orders, however large the shop.
 */
const ordersOfCustomer = sql`FROM ${orders} o WHERE o.customer_id = ${customers.id} AND o.payment_status IN ('paid','partially_refunded','refunded')`;

export const customerOrderTotals = {
  orderCount: sql<number>`(SELECT count(*) ${ordersOfCustomer})`,
  totalSpent: sql<number>`(SELECT coalesce(sum(o.total - o.amount_refunded), 0) ${ordersOfCustomer})`,
  firstOrderAt: sql<string | null>`(SELECT min(o.created_at) ${ordersOfCustomer})`,
  lastOrderAt: sql<string | null>`(SELECT max(o.created_at) ${ordersOfCustomer})`,
};
