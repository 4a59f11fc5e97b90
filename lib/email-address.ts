// Rules for an email address as the shop stores and accepts it: the shape the tables' CHECKs take, and
// the reserved `.invalid` domain that erasure leaves behind and nobody may type. Shared by every domain
// that takes an address (checkout, orders, email, discounts, customers), so none of them imports another for it.
import { randomBytes } from "node:crypto";

/** RFC 2606 reserves `.invalid`: no mailbox there can exist, so erased records point at it. */
export const ERASED_EMAIL_DOMAIN = "erased.invalid";

/**
 * A fresh placeholder for an erased email column. Random rather than derived from an id, so an
 * erased record can never be found by an address someone works out; lower case, as the email
 * columns' CHECKs demand; unique, as `customers.email` must be.
 */
export function erasedPlaceholderEmail(): string {
  return `erased-${randomBytes(16).toString("hex")}@${ERASED_EMAIL_DOMAIN}`;
}

/**
 * True for any address in the reserved `.invalid` top-level domain (erasure's placeholders among
 * them): refused at every email a shopper types (checkout, payment page, order lookup), never made
 * a customer, never matched to an order.
 */
export function isReservedEmail(email: string): boolean {
  const domain = email.trim().toLowerCase().split("@").pop() ?? "";
  return domain === "invalid" || domain.endsWith(".invalid");
}

export const RESERVED_EMAIL_MESSAGE = "Enter an email address that can receive mail.";

/**
 * `ann@x.com` style check matching the customers table's CHECK, so an odd email cannot fail an order;
 * a reserved `.invalid` address (an erased record's placeholder) is never a customer's, so paying
 * with one cannot reopen an erased customer or send mail to nowhere.
 */
export function isUsableEmail(email: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(email) && !isReservedEmail(email);
}
