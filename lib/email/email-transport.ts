// The seam between the outbox and whoever delivers mail: Resend in production, capture on a laptop.

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The row's idempotency key: the provider delivers one email per key however often it is sent. */
  idempotencyKey: string;
  /** Extra message headers (a waitlist email's List-Unsubscribe pair); none for most emails. */
  headers?: Readonly<Record<string, string>>;
};

/**
 * What one send attempt came to. `retryable`: the provider was down, busy or unreachable (5xx, 429,
 * a network error), so the same email may go through later; otherwise it never will as it stands.
 */
export type SendResult = { ok: true; providerMessageId: string } | { ok: false; retryable: boolean; error: string };

export interface EmailTransport {
  readonly name: "resend" | "capture";
  send(email: OutgoingEmail): Promise<SendResult>;
}
