// Whether an address can stand as a customer's email: the shape the customers table's CHECK accepts.
import { isReservedEmail } from "./erased-email";

/**
 * `ann@x.com` style check matching the customers table's CHECK, so an odd email cannot fail an order;
 * a reserved `.invalid` address (an erased record's placeholder) is never a customer's, so paying
 * with one cannot reopen an erased customer or send mail to nowhere.
 */
export function isUsableEmail(email: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(email) && !isReservedEmail(email);
}
