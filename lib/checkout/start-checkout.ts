// POST /api/checkout/session's domain: quote the cart, reserve its stock, and open a payment session.
import { randomBytes } from "node:crypto";
import { db, statementBuilder, writeTransaction } from "@/lib/db";
import type { CheckoutLineSnapshot, StoredCheckoutQuote } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import { assertUpdatesLive } from "@/lib/cart/assert-update-live";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import type { PaymentProvider, PaymentSessionRequest } from "@/lib/payments/payment-provider";
import type { BuiltQuote } from "./build-checkout-quote";
import { checkoutDeadlines, PAYMENT_SESSION_TTL_MS } from "./checkout-expiry";
import type { CheckoutInput } from "./checkout-input";
import { openCheckout, type ReplacedCheckout } from "./open-checkout";
import { attachPaymentSession, markCheckoutFailed } from "./payment-session-state";
import { quoteCheckout } from "./quote-checkout";
import { releaseLapsedHolds } from "./release-lapsed-holds";
import { assertAdmitted } from "@/lib/updates/assert-admitted";
import { assertWithinCustomerLimits, customerLimitGuards, limitChecks, type Customer } from "@/lib/updates/customer-limit";
import { customerClientKey } from "@/lib/updates/customer-limit-key";
import { recordRefusalOf } from "@/lib/updates/record-refusal";
import { NO_ROOM_TOKENS, type RoomTokens } from "@/lib/updates/room-token";
import { updateHoldUntil, updateStillLiveGuards } from "@/lib/updates/update-hold";
import { governingUpdates, type GoverningUpdate } from "@/lib/updates/variant-updates";

export type StartedCheckout = { checkoutId: string; sessionId: string; url: string; expiresAt: string };

export function newCheckoutId(): string {
  return `chk_${randomBytes(18).toString("base64url")}`;
}

function sessionRequest(params: {
  checkoutId: string;
  input: CheckoutInput;
  quote: BuiltQuote["quote"];
  lines: PaymentSessionRequest["lines"];
}): PaymentSessionRequest {
  const origin = env().APP_URL.replace(/\/+$/, "");
  const { quote } = params;
  return {
    checkoutId: params.checkoutId,
    currency: quote.currency,
    email: params.input.email ?? null,
    country: quote.country,
    lines: params.lines,
    discount: quote.discount ? { code: quote.discount.code, amount: quote.discount.amount } : null,
    shippingOptions: quote.shippingOptions,
    paymentWindowMs: PAYMENT_SESSION_TTL_MS,
    // Stripe fills in {CHECKOUT_SESSION_ID}; the success page polls for the order by it.
    successUrl: `${origin}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${origin}/checkout?payment=cancelled`,
  };
}

/** A replaced checkout's session must not take a second payment for the same cart. */
async function expireReplacedSessions(provider: PaymentProvider, replaced: ReplacedCheckout[]): Promise<void> {
  await Promise.all(
    replaced
      .filter((checkout) => checkout.paymentSessionId && checkout.paymentProvider === provider.name)
      .map((checkout) =>
        provider.expireSession(checkout.paymentSessionId!).catch((error: unknown) => {
          console.warn(`[checkout] could not expire replaced session ${checkout.paymentSessionId} of ${checkout.id}`, error);
        }),
      ),
  );
}

/**
 * The checkout flow: a fixed number of statements to load and price the cart;
 * refusals (empty cart, sold out, no shipping, discount) before anything is written or any payment
 * call; one write batch that opens the checkout and reserves every line or none, its guards
 * re-checking stock and discount under the write lock (if they find the data moved, read and decide
 * again); then the payment session, outside any transaction, and one statement to attach it. Over
 * Turso: the reads, one round trip holding the lock, one to attach.
 */
export async function startCheckout(params: {
  cartId: string | null;
  input: CheckoutInput;
  /** The trusted client address (clientAddress), for a shop update's per-customer limit. */
  clientAddress?: string;
  /** The shopper's waiting-room tokens by update (lib/updates/room-token.ts): a room's pass, where one is needed. */
  roomTokens?: RoomTokens;
  provider?: PaymentProvider;
  now?: Date;
}): Promise<StartedCheckout> {
  const provider = params.provider ?? getPaymentProvider();
  const now = params.now ?? new Date();
  const nowText = now.toISOString();
  const clientKey = params.clientAddress === undefined ? null : customerClientKey(params.clientAddress);

  // Beside the first read, not before it: a shop update's lapsed holds lose their open payment sessions.
  const releasing = releaseLapsedHolds({ provider, now: nowText }).catch((error: unknown) => {
    console.warn("[checkout] could not look for lapsed holds", error);
  });
  const checkoutId = newCheckoutId();
  const deadlines = checkoutDeadlines(now);
  const { paymentExpiresAt } = deadlines;
  for (let attempt = 1; ; attempt += 1) {
    const reader = await db();
    const { quote, lines, combinedWith } = await quoteCheckout(reader, { cartId: params.cartId, input: params.input, now: nowText }).catch(async (error: unknown) => {
      await recordSoldOutRefusal(reader, error, nowText);
      throw error;
    });
    // quoteCheckout refuses an empty cart, and a missing cart id loads as empty.
    const cartId = params.cartId!;
    const customer: Customer = { email: params.input.email ?? null, cartId, clientKey };
    const governing = await governingUpdates(reader, lines.map((line) => line.variantId), nowText);
    const checks = limitChecks(governing, lines);
    try {
      assertUpdatesLive(governing.values());
      assertAdmitted(governing.values(), params.roomTokens ?? NO_ROOM_TOKENS, now.getTime());
      await assertWithinCustomerLimits(reader, { checks, customer, now: nowText });
    } catch (error) {
      recordRefusalOf(error, updateIdsOf(governing));
      throw error;
    }
    const holdUntil = updateHoldUntil(governing.values(), now, deadlines.reservationExpiresAt);
    const reservationExpiresAt = holdUntil ?? deadlines.reservationExpiresAt;
    const snapshot = lines.map(({ lineTotal: _lineTotal, image: _image, ...line }) => line);
    const stored = { ...quote, paymentExpiresAt };
    const opened = await openCheckout({
      checkoutId,
      cartId,
      input: params.input,
      quote: stored,
      lines: snapshot,
      provider: provider.name,
      reservationExpiresAt,
      now: nowText,
      clientKey,
      combinedWithOrderId: combinedWith?.orderId ?? null,
      updateGuards: governing.size === 0 ? [] : [...customerLimitGuards(statementBuilder, checks, customer, nowText), ...updateStillLiveGuards(statementBuilder, updateIdsOf(governing), nowText)],
    });
    if (opened.isOpened) {
      await releasing;
      return startPayment({ provider, checkoutId, input: params.input, quote, stored, lines: snapshot, replaced: opened.replaced, holdUntil });
    }
    // Stock, the discount, a customer's units or an update moved between the read and the write: the next read names what changed.
    if (attempt >= MAX_OPEN_ATTEMPTS) {
      throw new AppError("conflict", "Other shoppers are checking out the same items right now. Please try again in a moment.");
    }
  }
}

function updateIdsOf(governing: ReadonlyMap<number, GoverningUpdate>): number[] {
  return [...governing.values()].map((update) => update.updateId);
}

/** A sold-out refusal of a shop update's variant counts for the owner's live view (one read, only on that refusal). */
async function recordSoldOutRefusal(reader: Awaited<ReturnType<typeof db>>, error: unknown, now: string): Promise<void> {
  if (!(error instanceof AppError) || error.code !== "insufficient_stock" || !Array.isArray(error.details)) return;
  const variantIds = (error.details as { variantId?: unknown }[]).map((detail) => detail.variantId).filter((id): id is number => typeof id === "number");
  recordRefusalOf(error, updateIdsOf(await governingUpdates(reader, variantIds, now)));
}

/** How often the read-then-write of a checkout is tried again when its guards find the data moved. */
const MAX_OPEN_ATTEMPTS = 3;

/**
 * The payment session, outside any transaction. If the provider fails the reservation is released at
 * once and the shopper gets 502 `payment_provider_error`.
 */
async function startPayment(params: {
  provider: PaymentProvider;
  checkoutId: string;
  input: CheckoutInput;
  quote: BuiltQuote["quote"];
  stored: StoredCheckoutQuote;
  lines: CheckoutLineSnapshot[];
  replaced: ReplacedCheckout[];
  /** A shop update's shorter hold: the checkout's stock is held only this long, whatever the session's deadline. */
  holdUntil: string | null;
}): Promise<StartedCheckout> {
  const { provider, checkoutId, input, quote, replaced } = params;
  const request = sessionRequest({ checkoutId, input, quote, lines: params.lines });
  const [created] = await Promise.allSettled([provider.createSession(request), expireReplacedSessions(provider, replaced)]);
  if (created.status === "rejected") {
    console.error(`[checkout] ${provider.name} could not create a payment session for ${checkoutId}`, created.reason);
    const reason = created.reason instanceof Error ? created.reason.message : String(created.reason);
    await writeTransaction((tx) => markCheckoutFailed(tx, { checkoutId, reason: `Payment provider error: ${reason}` }));
    throw new AppError(
      "payment_provider_error",
      "We couldn't reach our payment provider, so nothing has been charged and your items are back in stock. Please try again in a moment.",
    );
  }

  const session = created.value;
  const isAttached = await attachPaymentSession({
    checkoutId,
    sessionId: session.sessionId,
    url: session.url,
    expiresAt: session.expiresAt,
    quote: params.stored,
    shippingRateIds: session.shippingRateIds,
    holdUntil: params.holdUntil,
  });
  if (!isAttached) {
    await expireReplacedSessions(provider, [{ id: checkoutId, paymentSessionId: session.sessionId, paymentProvider: provider.name }]);
    throw new AppError("conflict", "This checkout was replaced by a newer one, perhaps in another tab. Please try again.");
  }
  return { checkoutId, sessionId: session.sessionId, url: session.url, expiresAt: session.expiresAt };
}
