// GDPR erasure: the person disappears from the shop's records; the sales stay in the accounts.
import { randomBytes } from "node:crypto";
import { eq, inArray, or, sql, type SQLWrapper } from "drizzle-orm";
import { writeTransaction, type Tx } from "@/lib/db";
import { addresses, checkouts, customers, emailOutbox, orderEvents, orders, sqlNow } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/http/errors";
import { recordOrderEvents } from "@/lib/orders/order-events";
import { nowIso } from "@/lib/time";
import { getCustomerOrThrow, ordersOfCustomer } from "./customer-detail";

export const ERASED = "[erased]";

/** `.invalid` can never be a real mailbox (RFC 2606), and the id keeps the unique column unique. */
export function erasedEmail(kind: "customer" | "order", id: number): string {
  return `erased-${kind}-${id}@erased.invalid`;
}

/** Replaces every occurrence of each personal value in a text column, in SQL. */
function scrub(column: SQLWrapper, values: string[]) {
  return values.reduce((expression, value) => sql`replace(${expression}, ${value}, ${ERASED})`, sql`${column}`);
}

async function personalValues(tx: Tx, customer: { email: string; name: string; id: number }, orderRows: (typeof orders.$inferSelect)[]): Promise<string[]> {
  const phones = await tx.select({ phone: addresses.phone, name: addresses.name }).from(addresses).where(eq(addresses.customerId, customer.id));
  const values = new Set<string>([customer.email, customer.name]);
  for (const order of orderRows) {
    values.add(order.email);
    for (const address of [order.shippingAddress, order.billingAddress]) {
      if (!address) continue;
      for (const part of [address.name, address.line1, address.line2, address.postalCode]) if (part) values.add(part);
    }
  }
  for (const row of phones) {
    if (row.phone) values.add(row.phone);
    values.add(row.name);
  }
  // Very short values ("Jo", "GB") would scrub ordinary words out of the history; longer first, so a
  // full name is replaced before a part of it.
  return [...values].filter((value) => value.trim().length >= 3).sort((a, b) => b.length - a.length);
}

/**
 * One transaction: the customer row keeps its id (orders still point at it) with a placeholder email
 * and no name, consent or sign-in link; their addresses go; each order keeps its number, items and
 * amounts but loses email, addresses and notes; the history and the outbox lose every copy of the
 * person's details (email bodies included); checkouts forget the email. An `erased` event per order
 * and a `customer.erased` audit row record that it happened, with no personal data in either. The
 * original email is then free, so the same person can order again as a new customer.
 */
export async function eraseCustomer(params: { customerId: number; actor: string }): Promise<{ customerId: number; orders: number; emails: number }> {
  return writeTransaction(async (tx) => {
    const customer = await getCustomerOrThrow(tx, params.customerId);
    if (customer.erasedAt) throw new AppError("conflict", "This customer's data has already been erased.");
    const orderRows = await tx.select().from(orders).where(ordersOfCustomer(customer));
    const orderIds = orderRows.map((order) => order.id);
    const values = await personalValues(tx, customer, orderRows);

    if (orderIds.length > 0) {
      await tx
        .update(orderEvents)
        .set({ message: scrub(orderEvents.message, values), data: sql`CASE WHEN ${orderEvents.data} IS NULL THEN NULL ELSE ${scrub(orderEvents.data, values)} END` })
        .where(inArray(orderEvents.orderId, orderIds));
      for (const order of orderRows) {
        await tx
          .update(orders)
          .set({
            email: erasedEmail("order", order.id),
            customerId: customer.id,
            shippingAddress: null,
            billingAddress: null,
            notes: null,
            lookupToken: randomBytes(24).toString("base64url"),
            updatedAt: sqlNow,
          })
          .where(eq(orders.id, order.id));
      }
      const checkoutIds = orderRows.map((order) => order.checkoutId).filter((id): id is string => id !== null);
      await tx
        .update(checkouts)
        .set({ email: null, updatedAt: sqlNow })
        .where(checkoutIds.length ? or(inArray(checkouts.id, checkoutIds), eq(checkouts.email, customer.email)) : eq(checkouts.email, customer.email));
      await recordOrderEvents(
        tx,
        orderIds.map((orderId) => ({ orderId, type: "erased" as const, message: "Personal data erased at the customer's request.", actor: params.actor })),
      );
    } else {
      await tx.update(checkouts).set({ email: null, updatedAt: sqlNow }).where(eq(checkouts.email, customer.email));
    }
    const erasedMail = await tx
      .update(emailOutbox)
      .set({ toAddress: erasedEmail("customer", customer.id), subject: ERASED, html: ERASED, text: ERASED, lastError: null, updatedAt: sqlNow })
      .where(orderIds.length ? or(inArray(emailOutbox.orderId, orderIds), eq(emailOutbox.toAddress, customer.email)) : eq(emailOutbox.toAddress, customer.email))
      .returning({ id: emailOutbox.id });
    const emailCount = erasedMail.length;

    await tx.delete(addresses).where(eq(addresses.customerId, customer.id));
    await tx
      .update(customers)
      .set({
        email: erasedEmail("customer", customer.id),
        name: "",
        acceptsMarketing: false,
        marketingConsentAt: null,
        clerkUserId: null,
        erasedAt: nowIso(),
        updatedAt: sqlNow,
      })
      .where(eq(customers.id, customer.id));
    await recordAudit(tx, {
      actor: params.actor,
      action: "customer.erased",
      entityType: "customer",
      entityId: customer.id,
      data: { orders: orderIds.length, emails: emailCount },
    });
    return { customerId: customer.id, orders: orderIds.length, emails: emailCount };
  });
}
