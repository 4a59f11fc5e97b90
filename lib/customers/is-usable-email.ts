// Whether an address can stand as a customer's email: the shape the customers table's CHECK accepts.

/** `ann@x.com` style check matching the customers table's CHECK, so an odd email cannot fail an order. */
export function isUsableEmail(email: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(email);
}
