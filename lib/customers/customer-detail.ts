// One customer for the admin: profile, addresses, what they bought and their orders.
import { asc, desc, eq, or } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { addresses, customers, orders } from "@/lib/db/schema";
import { notFound } from "@/lib/app-error";
import { customerOrderTotals } from "./customer-order-totals";

export type CustomerRow = typeof customers.$inferSelect;

export async function getCustomerOrThrow(db: DbOrTx, customerId: number): Promise<CustomerRow> {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw notFound("Customer");
  return customer;
}

/**
 * A customer's orders: linked by id, or placed with their email before the link existed (an order
 * whose customer row was replaced keeps its email). An erased customer's orders no longer carry the
 * email, so only the link finds them.
 */
export function ordersOfCustomer(customer: Pick<CustomerRow, "id" | "email">) {
  return or(eq(orders.customerId, customer.id), eq(orders.email, customer.email))!;
}

export async function getCustomerDetail(db: DbOrTx, customerId: number) {
  const customer = await getCustomerOrThrow(db, customerId);
  const [addressRows, orderRows, [totals]] = await Promise.all([
    db.select().from(addresses).where(eq(addresses.customerId, customerId)).orderBy(desc(addresses.isDefault), asc(addresses.id)),
    db
      .select({
        id: orders.id,
        orderNumber: orders.orderNumber,
        createdAt: orders.createdAt,
        status: orders.status,
        paymentStatus: orders.paymentStatus,
        total: orders.total,
        amountRefunded: orders.amountRefunded,
        currency: orders.currency,
      })
      .from(orders)
      .where(ordersOfCustomer(customer))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(200),
    db.select(customerOrderTotals).from(customers).where(eq(customers.id, customerId)),
  ]);
  return {
    customer,
    addresses: addressRows,
    orders: orderRows,
    totals: {
      orderCount: Number(totals?.orderCount ?? 0),
      totalSpent: Number(totals?.totalSpent ?? 0),
      firstOrderAt: totals?.firstOrderAt ?? null,
      lastOrderAt: totals?.lastOrderAt ?? null,
    },
  };
}
export type CustomerDetail = Awaited<ReturnType<typeof getCustomerDetail>>;
