// The real payment provider: Stripe Checkout through the official SDK.
import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import type { PaymentProvider, PaymentSession, PaymentSessionRequest, RefundRequest, RefundResult, RetrievedSession } from "../payment-provider";
import { stripeCouponParams, stripeSessionParams } from "./session-params";

export type StripeProviderOptions = {
  secretKey: string;
  /** Where the API lives; tests point these at a local server standing in for api.stripe.com. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
  maxNetworkRetries?: number;
  timeoutMs?: number;
};

/**
 * The API version stripe@23.1.0 was generated for. Pinned so an account's dashboard default or an SDK
 * upgrade cannot change the shapes the webhook and this adapter read; the SDK's types accept only its own
 * version here, and stripe-provider.test.ts fails when an install brings a different one.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive";

/** Stripe refuses a Checkout Session that expires sooner than 30 minutes after it is created. */
const STRIPE_SHORTEST_SESSION_MS = 30 * 60 * 1000;

/**
 * The deadline is computed before the create request leaves: a minute covers its transit, the SDK's
 * retries of the same body (2 × 15 s timeouts and their backoff) and a skewed clock.
 */
const IN_FLIGHT_MARGIN_MS = 60 * 1000;

/** The coupon's deadline is set before the coupon call, the session's after it: this covers that call, retries and all. */
const COUPON_OUTLASTS_SESSION_MS = 10 * 60 * 1000;

const sessionState = z.object({
  status: z.enum(["open", "complete", "expired"]),
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
});

export function createStripeClient(options: StripeProviderOptions): Stripe {
  return new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
    // Retries are safe: every create carries an idempotency key derived from the checkout id.
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 15_000,
    telemetry: false,
    appInfo: { name: "hedgerow-dye-works" },
  });
}

/**
 * Stripe lists the session's `shipping_options` in the order they were sent, each with the shr_… rate
 * it created. A list that does not line up with what was sent is left out: the webhook then matches
 * the chosen option by amount, as it would without ids.
 */
function stripeShippingRateIds(session: Stripe.Checkout.Session, request: PaymentSessionRequest): { shippingRateIds?: string[] } {
  const ids = (session.shipping_options ?? []).map((option) =>
    typeof option.shipping_rate === "string" ? option.shipping_rate : (option.shipping_rate?.id ?? null),
  );
  if (ids.length !== request.shippingOptions.length || ids.some((id) => id === null)) return {};
  return ids.length > 0 ? { shippingRateIds: ids as string[] } : {};
}

export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = createStripeClient(options);
  return {
    name: "stripe",
    async createSession(request: PaymentSessionRequest): Promise<PaymentSession> {
      const windowMs = Math.max(request.paymentWindowMs, STRIPE_SHORTEST_SESSION_MS + IN_FLIGHT_MARGIN_MS);
      // Checkout Sessions take a discount only as a coupon or promotion code object, so the code's
      // value becomes a single-use coupon for this checkout, redeemable past the session's deadline.
      const couponParams = stripeCouponParams(request, new Date(Date.now() + windowMs + COUPON_OUTLASTS_SESSION_MS));
      const coupon = couponParams
        ? await stripe.coupons.create(couponParams, { idempotencyKey: `${request.checkoutId}:coupon` })
        : null;
      // The deadline is taken now, after the coupon call and whatever waits came before it, because
      // Stripe counts its 30 minutes from this request; in whole seconds, as Stripe keeps it.
      const expiresAt = new Date(Math.ceil((Date.now() + windowMs) / 1000) * 1000);
      const session = await stripe.checkout.sessions.create(stripeSessionParams(request, { couponId: coupon?.id ?? null, expiresAt }), {
        idempotencyKey: request.checkoutId,
      });
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
      return { sessionId: session.id, url: session.url, expiresAt: expiresAt.toISOString(), ...stripeShippingRateIds(session, request) };
    },
    async retrieveSession(sessionId: string): Promise<RetrievedSession> {
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      // A status this adapter does not know (a newer API's) is a failure to ask, not a guess.
      const known = sessionState.parse(session);
      return { status: known.status, paymentStatus: known.payment_status, object: session };
    },
    async expireSession(sessionId: string): Promise<void> {
      await stripe.checkout.sessions.expire(sessionId);
    },
    async refund(request: RefundRequest): Promise<RefundResult> {
      const metadata: Record<string, string> = { order_id: String(request.orderId) };
      if (request.note) metadata.note = request.note;
      const refund = await stripe.refunds.create(
        { payment_intent: request.paymentIntentId, amount: request.amount, metadata, ...(request.reason ? { reason: request.reason } : {}) },
        { idempotencyKey: request.idempotencyKey },
      );
      // Card refunds settle as `succeeded` or stay `pending` (rarely `requires_action`) for a while; `failed`/`canceled` mean no money moved.
      if (refund.status !== "succeeded" && refund.status !== "pending" && refund.status !== "requires_action") {
        throw new Error(`Stripe refund ${refund.id} ended ${refund.status ?? "without a status"}`);
      }
      return { refundId: refund.id, amount: refund.amount, status: refund.status };
    },
  };
}
