// Compares what was paid with what was quoted, and records any difference on the order's history.
import type { Tx } from "@/lib/db";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { readCheckoutQuote } from "@/lib/checkout/read-checkout-quote";
import { chooseShippingOption } from "./choose-shipping-option";
import { deliveryAddress } from "./insert-order";
import { recordOrderEvents, type OrderEventInput } from "./order-events";
import type { OrderRow } from "./order-row";
import type { PaymentFacts } from "./payment-facts";

export type PaymentProblem =
  | { kind: "amount"; expected: number; paid: number | null }
  | { kind: "currency"; expected: string; paid: string | null }
  | { kind: "shipping"; quoted: number[]; paid: number | null; rateRef: string | null };

/** What was paid against what we quoted, and where it goes against where we quoted for. */
export function findPaymentProblems(checkout: CheckoutRow, facts: PaymentFacts): { problems: PaymentProblem[]; isWrongCountry: boolean } {
  const quote = readCheckoutQuote(checkout.quote, checkout.id);
  const { option, matchedBy } = chooseShippingOption(quote.shippingOptions, facts, checkout.subtotal - checkout.discountTotal);
  const problems: PaymentProblem[] = [];
  const quotedShipping = quote.shippingOptions.map((candidate) => candidate.amount);
  const shippingMismatch =
    quote.shippingOptions.length > 0 &&
    (option === null || (matchedBy === "rate" && facts.shippingAmount !== null && facts.shippingAmount !== option.amount));
  if (shippingMismatch) problems.push({ kind: "shipping", quoted: quotedShipping, paid: facts.shippingAmount, rateRef: facts.shippingRateRef });

  const shipping = option?.amount ?? facts.shippingAmount ?? 0;
  const expected = checkout.subtotal - checkout.discountTotal + shipping;
  if (facts.amountTotal === null || facts.amountTotal !== expected) problems.push({ kind: "amount", expected, paid: facts.amountTotal });
  // An amount means nothing without its currency: a payment that does not name one is checked by hand,
  // as one in another currency is.
  if (facts.currency === null || facts.currency.toUpperCase() !== checkout.currency.toUpperCase()) {
    problems.push({ kind: "currency", expected: checkout.currency, paid: facts.currency });
  }
  const country = deliveryAddress(facts)?.country;
  const isWrongCountry = Boolean(country && country.toUpperCase() !== checkout.country.toUpperCase());
  return { problems, isWrongCountry };
}

/** The `payment_mismatch` / `shipping_country_mismatch` events for what findPaymentProblems finds. */
export function paymentProblemEvents<Id>(orderId: Id, checkout: CheckoutRow, facts: PaymentFacts, actor: string) {
  const { problems, isWrongCountry } = findPaymentProblems(checkout, facts);
  const events: (Omit<OrderEventInput, "orderId"> & { orderId: Id })[] = [];
  if (problems.length > 0) {
    events.push({
      orderId,
      type: "payment_mismatch",
      message: "The payment does not match the quote: check it before fulfilling.",
      data: { problems },
      actor,
    });
  }
  if (isWrongCountry) {
    events.push({
      orderId,
      type: "shipping_country_mismatch",
      message: `Shipping was quoted for ${checkout.country} but the address is in ${deliveryAddress(facts)?.country}.`,
      data: { quotedCountry: checkout.country, addressCountry: deliveryAddress(facts)?.country },
      actor,
    });
  }
  return events;
}

/** Writes the events of paymentProblemEvents; says what it found. */
export async function verifyPayment(tx: Tx, order: OrderRow, checkout: CheckoutRow, facts: PaymentFacts, actor: string) {
  const { problems, isWrongCountry } = findPaymentProblems(checkout, facts);
  await recordOrderEvents(tx, paymentProblemEvents(order.id, checkout, facts, actor));
  return { hasMismatch: problems.length > 0, isWrongCountry };
}
