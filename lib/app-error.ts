// The one error type of the app: a failure the caller can act on, named by a code. Domains and the
// database layer raise it; lib/http maps each code to an HTTP status (lib/http/errors.ts).

export const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "insufficient_stock",
  "stale_write",
  /** More units of one item than the shop sells to one order (the maxUnitsPerVariant setting). */
  "quantity_limit",
  /** Stock moved since the owner looked (a sale or another adjustment): the bulk adjustment is refused whole. */
  "stale_stock",
  "illegal_transition",
  /** The shopper's bank disputes the payment: the order may not ship while the dispute holds it. */
  "disputed",
  "unprocessable",
  "no_shipping_rate",
  "discount_not_applicable",
  "too_many_requests",
  "internal",
  "payload_too_large",
  "unsupported_media_type",
  "payment_provider_error",
  "unavailable",
  /** No usable photo storage (local disk on Vercel, or Vercel Blob without its token): uploads are refused. */
  "storage_unavailable",
  /** The owner closed the storefront for maintenance (middleware.ts answers it for storefront APIs). */
  "maintenance",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A failure the caller can act on: its code decides the answer, its message is safe to show.
 * `headers` travel with it onto an HTTP answer (Retry-After on 429/503, Allow on 405), so no handler
 * has to catch an error just to decorate its answer.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, details?: unknown, options: { headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);

/** A refusal that says when to come back (RFC 9110 Retry-After), for scripts that retry. */
export function retryLater(code: "too_many_requests" | "unavailable", message: string, retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(code, message, { retryAfterSeconds: seconds }, { headers: { "Retry-After": String(seconds) } });
}
