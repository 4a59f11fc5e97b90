// GDPR erasure: the person disappears from the shop's records; the sales stay in the accounts.
import { writeTransaction } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { eraseCheckoutEmails } from "@/lib/checkout/erase-checkout-email";
import { eraseRedemptionEmails } from "@/lib/discounts/erase-redemption-emails";
import { eraseOutboxRecipient } from "@/lib/email/outbox-status";
import { AppError } from "@/lib/app-error";
import { eraseOrdersPersonalData } from "@/lib/orders/erase-order-data";
import { getCustomerOrThrow, ordersOfCustomer } from "@/lib/customers/customer-detail";
import { eraseCustomerRecord } from "@/lib/customers/erase-customer-record";
import { eraseWaitlistSignups } from "@/lib/waitlist/erase-waitlist-signups";

/**
 * One transaction, each table erased by the domain that owns it, column by column (never by
 * searching text for the person's values): their orders (lib/orders: email, addresses, notes, the
 * free text and recipients in the history), the checkouts they started (lib/checkout), their
 * discount redemptions (lib/discounts), their emails (lib/email), their notify-me sign-ups
 * (lib/waitlist) and the customer record itself
 * (lib/customers). This module writes no table of its own: it sits above the domains it calls, so
 * none of them needs to know erasure exists beyond its own columns. An `erased` event per order
 * and a `customer.erased` audit row record that it happened, with no personal data in either. The
 * original email is then free, so the same person can order again as a new customer.
 *
 * Nothing else holds personal data: webhook events keep only ids and types (never the provider's
 * payload), carts and analytics sessions hold none, and the audit log names admins, not shoppers.
 */
export async function eraseCustomer(params: { customerId: number; actor: string }): Promise<{ customerId: number; orders: number; emails: number }> {
  return writeTransaction(async (tx) => {
    const customer = await getCustomerOrThrow(tx, params.customerId);
    if (customer.erasedAt) throw new AppError("conflict", "This customer's data has already been erased.");
    const orderIds = (await tx.select({ id: orders.id }).from(orders).where(ordersOfCustomer(customer))).map((order) => order.id);

    const { checkoutIds } = await eraseOrdersPersonalData(tx, { orderIds, customerId: customer.id, actor: params.actor });
    await eraseCheckoutEmails(tx, { checkoutIds, email: customer.email });
    await eraseRedemptionEmails(tx, { orderIds, email: customer.email });
    const emails = await eraseOutboxRecipient(tx, { orderIds, email: customer.email });
    await eraseWaitlistSignups(tx, { email: customer.email });

    await eraseCustomerRecord(tx, customer.id);
    await recordAudit(tx, {
      actor: params.actor,
      action: "customer.erased",
      entityType: "customer",
      entityId: customer.id,
      data: { orders: orderIds.length, emails },
    });
    return { customerId: customer.id, orders: orderIds.length, emails };
  });
}
