// The one reader of a checkout row's stored quote: parsed against its schema, never cast.
import { storedCheckoutQuote, type StoredCheckoutQuote } from "@/lib/db/schema";

/**
 * Every quote is written by openCheckout from the same schema, so one that does not parse is a fault
 * of ours, not the shopper's input: it throws a plain error (a 500 that the payment provider retries,
 * with the checkout named in the log), never a validation error.
 */
export function readCheckoutQuote(stored: unknown, checkoutId = "(unknown)"): StoredCheckoutQuote {
  const parsed = storedCheckoutQuote.safeParse(stored);
  if (!parsed.success) throw new Error(`Checkout ${checkoutId} has a stored quote that does not parse: ${parsed.error.message}`);
  return parsed.data;
}
