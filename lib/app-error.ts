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
  /** A shop update's variant before the update goes live (scheduled or preview): `liveAt` says when. */
  "not_live",
  /** A shop update's per-customer limit (the update's or one variant's): `limit` says how many. */
  "limit_reached",
  /** A shop update's variant while its waiting room is on, without the room's pass: `roomUrl` says where to wait. */
  "not_admitted",
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
  /** Fields the contract puts beside `code` and `message` (`{ error: { code, liveAt } }`), for clients that read them directly. */
  readonly fields: Readonly<Record<string, string | number>>;

  constructor(
    code: ErrorCode,
    message: string,
    details?: unknown,
    options: { headers?: Record<string, string>; fields?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.headers = options.headers ?? {};
    this.fields = options.fields ?? {};
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);

/** A refusal that says when to come back (RFC 9110 Retry-After), for scripts that retry. */
export function retryLater(code: "too_many_requests" | "unavailable", message: string, retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(code, message, { retryAfterSeconds: seconds }, { headers: { "Retry-After": String(seconds) } });
}
