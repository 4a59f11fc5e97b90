// Signature check of an incoming payment webhook: Stripe's scheme, on the raw body, with the webhook secret.
import "server-only";
import { createHmac } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import { secretsMatch } from "@/lib/secrets-match";

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

/** Stripe's own tolerance: a signature older than five minutes is a replay, not a delivery. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * A timestamp ahead of our clock would stay "fresh" for as long as the attacker likes: allow only
 * clock skew.
 */
export const MAX_FUTURE_SKEW_SECONDS = 60;

type SignatureHeader = { timestamp: number; signedPrefix: string; signatures: string[] };

/**
 * `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, read strictly. The SDK's own parser takes the last `t`,
 * runs it through parseInt (so `t= 123`, `t=+123` and `t=123abc` pass, and `t=abc` becomes NaN,
 * which no tolerance comparison rejects) and signs over that number, not the text received. Here
 * there is exactly one `t`, of ASCII digits, and the signed text, the freshness check and the
 * future check all use that one value. Several v1 entries are normal (Stripe sends one per active
 * secret while a secret is rolled); v0 and other schemes are ignored, as Stripe's libraries do.
 * null: the header is not one Stripe would send.
 */
function parseSignatureHeader(header: string): SignatureHeader | null {
  let timestampText: string | null = null;
  const signatures: string[] = [];
  for (const item of header.split(",")) {
    const separator = item.indexOf("=");
    if (separator < 1) return null;
    const key = item.slice(0, separator);
    const value = item.slice(separator + 1);
    if (key === "t") {
      // No leading zero either: the signed text must be the one spelling Stripe writes.
      if (timestampText !== null || !/^[1-9][0-9]{0,10}$/.test(value)) return null;
      timestampText = value;
    } else if (key === "v1") {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      signatures.push(value);
    }
  }
  if (timestampText === null || signatures.length === 0) return null;
  return { timestamp: Number(timestampText), signedPrefix: timestampText, signatures };
}

/**
 * Stripe's v1 signature: HMAC-SHA256 of `<t>.<raw body>` with the whole `whsec_…` secret, in hex.
 * Computed here rather than through `Stripe.webhooks.constructEvent`, which would parse the header
 * again by its own looser rules; the local provider signs with the SDK's `generateTestHeaderString`,
 * and route.test.ts holds the two together.
 */
function isSignedBy(secret: string, rawBody: string, header: SignatureHeader): boolean {
  const expected = createHmac("sha256", secret).update(`${header.signedPrefix}.${rawBody}`, "utf8").digest("hex");
  // Every entry is compared (no early exit), each in constant time.
  return header.signatures.map((signature) => secretsMatch(signature, expected)).includes(true);
}

function isFromTheFuture(seconds: number | undefined, nowSeconds: number): boolean {
  return seconds !== undefined && Number.isFinite(seconds) && seconds > nowSeconds + MAX_FUTURE_SKEW_SECONDS;
}

/**
 * Verifies `stripe-signature` against the exact bytes received (re-serialised JSON would not match),
 * refuses signatures older than five minutes (a captured request cannot be replayed later) and
 * timestamps, of the signature or the event, more than a minute ahead. Works offline: verification
 * is an HMAC, not an API call. Anything wrong → 400.
 */
export function verifyStripeEvent(rawBody: string, signatureHeader: string | null): StripeEventEnvelope {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    console.error("[webhooks] STRIPE_WEBHOOK_SECRET is not set: payment webhooks are refused until it is configured.");
    throw new AppError("unavailable", "Payment webhooks are not configured on this server.");
  }
  if (!signatureHeader) throw new AppError("bad_request", "The stripe-signature header is missing.");
  const header = parseSignatureHeader(signatureHeader);
  if (!header) throw new AppError("bad_request", "The stripe-signature header is not valid.");
  if (!isSignedBy(secret, rawBody, header)) throw new AppError("bad_request", "The webhook signature is not valid.");
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (nowSeconds - header.timestamp > SIGNATURE_TOLERANCE_SECONDS) {
    throw new AppError("bad_request", "The webhook signature is too old.");
  }
  let event: unknown;
  try {
    event = JSON.parse(rawBody);
  } catch {
    throw new AppError("bad_request", "The webhook body is not valid JSON.");
  }
  const parsed = stripeEventEnvelope.safeParse(event);
  if (!parsed.success) throw new AppError("bad_request", "The webhook body is not a Stripe event.");
  if (isFromTheFuture(header.timestamp, nowSeconds) || isFromTheFuture(parsed.data.created, nowSeconds)) {
    throw new AppError("bad_request", "The webhook timestamp is in the future.");
  }
  return parsed.data;
}
