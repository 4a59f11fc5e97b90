// GDPR access: everything the shop holds about one person, as one JSON document.
import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { addresses, emailOutbox, orderEvents, orderItems, orders, products, productVariants, waitlistSignups } from "@/lib/db/schema";
import { getCustomerOrThrow, ordersOfCustomer } from "./customer-detail";

export function customerDataExportFileName(customerId: number): string {
  return `customer-${customerId}-data.json`;
}

/**
 * Profile, addresses, orders with their items and history, their notify-me sign-ups, and every email sent to them. Each part
 * is selected by this customer's id, their orders' ids or their own email address, so nobody else's
 * data can be in it. Order lookup tokens are left out, from the orders and from the emails' text:
 * they are keys, not facts about the person. The emails' HTML is left out too (the text says the same).
 */
export async function buildCustomerDataExport(db: DbOrTx, customerId: number) {
  const customer = await getCustomerOrThrow(db, customerId);
  const orderRows = await db.select().from(orders).where(ordersOfCustomer(customer)).orderBy(asc(orders.createdAt), asc(orders.id));
  const orderIds = orderRows.map((order) => order.id);
  const [addressRows, items, events, waitlist, emails] = await Promise.all([
    db.select().from(addresses).where(eq(addresses.customerId, customer.id)).orderBy(asc(addresses.id)),
    orderIds.length ? db.select().from(orderItems).where(inArray(orderItems.orderId, orderIds)).orderBy(asc(orderItems.id)) : [],
    orderIds.length ? db.select().from(orderEvents).where(inArray(orderEvents.orderId, orderIds)).orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)) : [],
    db
      .select({
        productName: products.name,
        colourway: productVariants.name,
        signedUpAt: waitlistSignups.createdAt,
        consentedAt: waitlistSignups.consentedAt,
        notifiedAt: waitlistSignups.notifiedAt,
        unsubscribedAt: waitlistSignups.unsubscribedAt,
      })
      .from(waitlistSignups)
      .innerJoin(productVariants, eq(productVariants.id, waitlistSignups.variantId))
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(eq(waitlistSignups.email, customer.email.toLowerCase()))
      .orderBy(asc(waitlistSignups.id)),
    db
      .select({
        id: emailOutbox.id,
        orderId: emailOutbox.orderId,
        kind: emailOutbox.kind,
        toAddress: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        text: emailOutbox.text,
        status: emailOutbox.status,
        sentAt: emailOutbox.sentAt,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .where(
        orderIds.length
          ? or(inArray(emailOutbox.orderId, orderIds), eq(emailOutbox.toAddress, customer.email))
          : and(eq(emailOutbox.toAddress, customer.email)),
      )
      .orderBy(asc(emailOutbox.id)),
  ]);
  const { clerkUserId: _clerkUserId, ...profile } = customer;
  const linkSecrets = new Map(orderRows.map((order) => [order.id, order.lookupToken]));
  return {
    exportedAt: new Date().toISOString(),
    customer: profile,
    addresses: addressRows,
    orders: orderRows.map(({ lookupToken: _token, ...order }) => ({
      ...order,
      items: items.filter((item) => item.orderId === order.id),
      events: events.filter((event) => event.orderId === order.id),
    })),
    waitlist,
    emails: emails.map(({ text, ...email }) => ({ ...email, text: withoutLinkSecret(text, email.orderId === null ? undefined : linkSecrets.get(email.orderId)) })),
  };
}

export const LINK_SECRET_REMOVED = "[link secret removed]";

/**
 * An email's text without its order link's secret: the link opens the order for whoever holds the
 * file, and a download is easily forwarded. The secret is the order's own token, known exactly, so
 * it is cut out by value; an email whose order is not in the export keeps no text at all.
 */
function withoutLinkSecret(text: string, lookupToken: string | undefined): string | null {
  if (lookupToken === undefined) return null;
  return text.split(lookupToken).join(LINK_SECRET_REMOVED);
}
export type CustomerDataExport = Awaited<ReturnType<typeof buildCustomerDataExport>>;
