// The payment provider of a fresh clone: a hosted-checkout page inside the app, no account or network.
import { createHash } from "node:crypto";
import type { PaymentProvider, PaymentSession, PaymentSessionRequest, RefundRequest, RefundResult, RetrievedSession } from "../payment-provider";
import { recallLocalSession } from "./local-session-record";

/** Local refund ids look like Stripe's (re_…). */
export const LOCAL_REFUND_PREFIX = "re_local_";

/** Local session ids look like Stripe's so the webhook path treats both alike. */
export const LOCAL_SESSION_PREFIX = "cs_local_";

export function localPaymentPath(checkoutId: string): string {
  return `/checkout/local/${encodeURIComponent(checkoutId)}`;
}

/**
 * The session is the checkout row itself: `/checkout/local/[checkoutId]` reads it and offers Pay,
 * Decline and Let it expire, each of which sends the signed event Stripe would send. The session id
 * is derived from the checkout id, so a retried create returns the same session, as Stripe's
 * idempotency key guarantees. The URL is relative: the page lives on whatever origin the shopper
 * is already on (a dev server on any port works without APP_URL).
 */
export function createLocalProvider(): PaymentProvider {
  return {
    name: "local",
    async createSession(request: PaymentSessionRequest): Promise<PaymentSession> {
      const digest = createHash("sha256").update(request.checkoutId).digest("base64url").slice(0, 32);
      const expiresAt = new Date(Date.now() + request.paymentWindowMs).toISOString();
      return { sessionId: `${LOCAL_SESSION_PREFIX}${digest}`, url: localPaymentPath(request.checkoutId), expiresAt };
    },
    async retrieveSession(sessionId: string): Promise<RetrievedSession> {
      // The page records each session it finished; one it has not finished is still open, as Stripe
      // reports a session whose shopper has not paid yet.
      const session = recallLocalSession(sessionId);
      if (!session) return { status: "open", paymentStatus: "unpaid", object: null };
      return { status: session.status, paymentStatus: session.payment_status, object: session };
    },
    async expireSession(): Promise<void> {
      // Nothing to call: the local page only takes payment for a checkout that is still open, and a
      // replaced checkout no longer is.
    },
    async refund(request: RefundRequest): Promise<RefundResult> {
      // No money moved, so there is nothing to refuse but nonsense. The refund id is derived from the
      // idempotency key, so a retried refund reports the same refund as Stripe would; the order's
      // transaction records it.
      if (!Number.isInteger(request.amount) || request.amount <= 0) throw new Error("A refund must be a positive whole amount.");
      const digest = createHash("sha256").update(request.idempotencyKey).digest("base64url").slice(0, 24);
      return { refundId: `${LOCAL_REFUND_PREFIX}${digest}`, amount: request.amount, status: "succeeded" };
    },
  };
}
