// The checkout's one write: replace the cart's open checkout, record the new one, hold its stock — one batch.
import type { InStatement, ResultSet } from "@libsql/client";
import { boundSql, guardRefusal, guardStatement, statementBuilder, textStatement, writeBatch, type Guard, type GuardName } from "@/lib/db";
import type { CheckoutLineSnapshot, StoredCheckoutQuote } from "@/lib/db/schema";
import { discountStillAppliesSql } from "@/lib/discounts/check-discount-code";
import { RESERVATION_GUARD, releaseReservationsOf, reserveStockStatements } from "@/lib/inventory/reservations";
import type { PaymentProviderName } from "@/lib/payments/payment-provider";
import type { CheckoutInput } from "./checkout-input";
import { replacedCheckoutIdsOfCart, replaceOpenCheckouts } from "./checkout-status";

export type ReplacedCheckout = { id: string; paymentSessionId: string | null; paymentProvider: PaymentProviderName };

export type OpenCheckoutParams = {
  checkoutId: string;
  cartId: string;
  input: CheckoutInput;
  quote: StoredCheckoutQuote;
  lines: CheckoutLineSnapshot[];
  provider: PaymentProviderName;
  reservationExpiresAt: string;
  now: string;
  /** The keyed hash of the client's address (customerClientKey), one of what makes "the same customer". */
  clientKey?: string | null;
  /** The earlier order whose parcel this checkout's goods join, free of shipping (lib/checkout/find-combinable-order.ts). */
  combinedWithOrderId?: number | null;
  /**
   * A shop update's guards (`limit`: the customer stays within each per-customer limit; `update`: the
   * update is still live), checked after the checkout row and before its holds exist.
   */
  updateGuards?: readonly Guard[];
};

/** The guards a shop update adds: a refusal means "read again", and the fresh read names the reason. */
const UPDATE_GUARDS: readonly GuardName[] = ["limit", "update"];

/** The guard of a checkout with a code: the code no longer applies (its last use went to another cart, or it lapsed). */
const DISCOUNT_GUARD = "discount" satisfies GuardName;

/** The guards' outcome: opened, or a guard found the data moved since the quote read it (nothing was written). */
export type OpenCheckoutResult = { isOpened: true; replaced: ReplacedCheckout[] } | { isOpened: false };

/** The checkout's one write, as statements carrying their own guards (the bench replays them raw). */
export function openCheckoutStatements(params: OpenCheckoutParams): InStatement[] {
  const { quote, now } = params;
  const discount = quote.discount;
  return [
    textStatement(replaceOpenCheckouts({ cartId: params.cartId, now })),
    textStatement(releaseReservationsOf(replacedCheckoutIdsOfCart(params.cartId))),
    // Before the new checkout exists, as the quote counted: the code's uses held by other carts.
    ...(discount
      ? [
          guardStatement([
            {
              name: DISCOUNT_GUARD,
              holds: discountStillAppliesSql(statementBuilder, { discountCodeId: discount.discountCodeId, subtotal: quote.subtotal, now, excludeCartId: params.cartId }),
            },
          ]),
        ]
      : []),
    textStatement(
      boundSql(CHECKOUT_INSERT, [
        params.checkoutId,
        params.cartId,
        params.clientKey ?? null,
        params.input.email ?? null,
        params.combinedWithOrderId ?? null,
        quote.country,
        params.input.acceptsMarketing ? 1 : 0,
        discount?.discountCodeId ?? null,
        JSON.stringify(params.lines),
        JSON.stringify(quote),
        quote.currency,
        quote.subtotal,
        discount?.amount ?? 0,
        params.provider,
        params.reservationExpiresAt,
        now,
        now,
      ]),
    ),
    ...(params.updateGuards?.length ? [guardStatement(params.updateGuards)] : []),
    ...reserveStockStatements({
      checkoutId: params.checkoutId,
      lines: params.lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
      expiresAt: params.reservationExpiresAt,
      now,
    }),
  ];
}

/** The new checkout's row, as text built once (lib/db/statement-text.ts). */
const CHECKOUT_INSERT =
  'INSERT INTO "checkouts" ("id", "cart_id", "status", "client_key", "email", "combined_with_order_id", "country", "accepts_marketing", "discount_code_id", "lines", "quote", ' +
  '"currency", "subtotal", "discount_total", "payment_provider", "payment_session_id", "payment_url", "failure_reason", "expires_at", "created_at", "updated_at") ' +
  "VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?)";

/**
 * One all-or-nothing batch (one round trip under the write lock, however many lines):
 * - the cart's open checkout (a second tab, a shopper who came back from the payment page) becomes
 *   `replaced` and its reservation is released, so the shopper never competes with themselves;
 * - a named guard (`discount`) checks the code still applies at this moment (usage limit counting
 *   other carts' holds) — two shoppers cannot both hold the last use;
 * - the checkout row stores the cart snapshot and quote;
 * - for a shop update's variants, named guards check each per-customer limit (`limit`, counting the
 *   customer's other holds and orders under the lock) and that the update is still live (`update`);
 * - a named guard (`stock`) checks every line is covered by stock net of other holds, then each is
 *   reserved (see reserveStockStatements).
 * A refused guard rolls back the whole batch and returns `isOpened: false`: the caller reads again
 * and decides (the quote then names the shopper's reason, or the data moved back and it retries).
 * Any other error (a constraint, a fault) is not a refusal and propagates.
 */
export async function openCheckout(params: OpenCheckoutParams): Promise<OpenCheckoutResult> {
  const statements = openCheckoutStatements(params);
  let results: ResultSet[];
  try {
    results = await writeBatch(statements);
  } catch (error) {
    const guard = guardRefusal(error);
    if (guard === RESERVATION_GUARD || guard === DISCOUNT_GUARD || (guard !== null && guard !== "unnamed" && UPDATE_GUARDS.includes(guard))) return { isOpened: false };
    throw error;
  }
  const replaced = results[0]!.rows.map((row) => ({
    id: String(row.id),
    paymentSessionId: row.payment_session_id === null ? null : String(row.payment_session_id),
    paymentProvider: String(row.payment_provider) as PaymentProviderName,
  }));
  return { isOpened: true, replaced };
}
