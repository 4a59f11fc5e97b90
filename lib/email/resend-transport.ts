// Delivery through Resend's official SDK, which answers { data, error } and does not throw.
import "server-only";
import { Resend, type ErrorResponse } from "resend";
import type { EmailTransport, SendResult } from "./email-transport";

/** A send that hangs must end well inside the drain's claim lease (see outbox-status.ts). */
const SEND_TIMEOUT_MS = 15_000;

/**
 * Resend's error names that mean "try again later" even when no HTTP status came with them:
 * the SDK reports a network failure as `application_error` with `statusCode: null`.
 */
const RETRYABLE_NAMES = new Set(["application_error", "internal_server_error", "rate_limit_exceeded", "concurrent_idempotent_requests"]);

/** 5xx, 429 and "no answer at all" are worth retrying; another 4xx will fail the same way every time. */
export function isRetryable(error: Pick<ErrorResponse, "statusCode" | "name">): boolean {
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  if (status === null) return true;
  if (status >= 500 || status === 429) return true;
  // Another request with the same idempotency key is still in flight: it may yet fail.
  return status === 409 && RETRYABLE_NAMES.has(error.name);
}

function describe(error: Partial<ErrorResponse>): string {
  const status = typeof error.statusCode === "number" ? ` (${error.statusCode})` : "";
  return `${error.name ?? "error"}${status}: ${error.message ?? "no message"}`.slice(0, 500);
}

export function resendTransport(options: { apiKey: string; baseUrl?: string }): EmailTransport {
  // The SDK joins the origin and "/emails" as strings: a trailing slash would double.
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, "") } : undefined);
  return {
    name: "resend",
    async send(email): Promise<SendResult> {
      try {
        const { data, error } = await client.emails.send(
          { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text, ...(email.headers ? { headers: { ...email.headers } } : {}) },
          { idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
        );
        if (error) return { ok: false, retryable: isRetryable(error), error: describe(error) };
        if (!data?.id) return { ok: false, retryable: true, error: "Resend answered without an email id." };
        return { ok: true, providerMessageId: data.id };
      } catch (thrown) {
        // The SDK turns failures into `error`, but an aborted request can still surface as a throw.
        return { ok: false, retryable: true, error: `network: ${(thrown as Error).message}`.slice(0, 500) };
      }
    },
  };
}
