// Signature check of an incoming payment webhook: Stripe's scheme, on the raw body, with the webhook secret.
import Stripe from "stripe";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

/** The envelope every Stripe event shares; the object inside is validated by the handler for its type. */
const stripeEventEnvelope = z
  .object({
    id: z.string().min(1),
    type: z.string().min(1),
    created: z.number().optional(),
    data: z.object({ object: z.unknown() }).loose(),
  })
  .loose();
export type StripeEventEnvelope = z.infer<typeof stripeEventEnvelope>;

/**
 * Stripe's check refuses signatures older than its tolerance but not ones from the future: a
 * timestamp far ahead would stay "fresh" for as long as the attacker likes. Allow only clock skew.
 */
export const MAX_FUTURE_SKEW_SECONDS = 60;

function isFromTheFuture(seconds: number | undefined, nowSeconds: number): boolean {
  return seconds !== undefined && Number.isFinite(seconds) && seconds > nowSeconds + MAX_FUTURE_SKEW_SECONDS;
}

/**
 * Verifies `stripe-signature` against the exact bytes received (re-serialised JSON would not match)
 * and rejects timestamps outside Stripe's five-minute tolerance, so a captured request cannot be
 * replayed later, and timestamps (signature and event) more than a minute ahead. Works offline: verification is an HMAC, not an API call. Anything wrong → 400.
 */
export function verifyStripeEvent(rawBody: string, signatureHeader: string | null): StripeEventEnvelope {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    console.error("[webhooks] STRIPE_WEBHOOK_SECRET is not set: payment webhooks are refused until it is configured.");
    throw new AppError("unavailable", "Payment webhooks are not configured on this server.");
  }
  if (!signatureHeader) throw new AppError("bad_request", "The stripe-signature header is missing.");
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret);
  } catch (error) {
    const isSignatureError = error instanceof Stripe.errors.StripeSignatureVerificationError;
    throw new AppError("bad_request", isSignatureError ? "The webhook signature is not valid." : "The webhook body is not valid JSON.");
  }
  const parsed = stripeEventEnvelope.safeParse(event);
  if (!parsed.success) throw new AppError("bad_request", "The webhook body is not a Stripe event.");
  const nowSeconds = Math.floor(Date.now() / 1000);
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signatureHeader)?.[1]);
  if (isFromTheFuture(signedAt, nowSeconds) || isFromTheFuture(parsed.data.created, nowSeconds)) {
    throw new AppError("bad_request", "The webhook timestamp is in the future.");
  }
  return parsed.data;
}
