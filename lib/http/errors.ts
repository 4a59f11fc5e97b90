// The one error type of the app and its mapping to HTTP statuses.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  insufficient_stock: 409,
  stale_write: 409,
  /** Stock moved since the owner looked (a sale or another adjustment): the bulk adjustment is refused whole. */
  stale_stock: 409,
  illegal_transition: 409,
  /** More units of one item than the shop sells to one order (the maxUnitsPerVariant setting). */
  quantity_limit: 409,
  unprocessable: 422,
  no_shipping_rate: 422,
  discount_not_applicable: 422,
  too_many_requests: 429,
  internal: 500,
  payload_too_large: 413,
  unsupported_media_type: 415,
  payment_provider_error: 502,
  unavailable: 503,
  /** The owner closed the storefront for maintenance (middleware.ts answers it for storefront APIs). */
  maintenance: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorBody = { error: { code: ErrorCode | "validation_error"; message: string; details?: unknown; requestId?: string } };

/**
 * A failure the caller can act on: its code decides the status, its message is safe to show.
 * `headers` travel with it onto the response (Retry-After on 429/503, Allow on 405), so no handler
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

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);

/** A refusal that says when to come back (RFC 9110 Retry-After), for scripts that retry. */
export function retryLater(code: "too_many_requests" | "unavailable", message: string, retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(code, message, { retryAfterSeconds: seconds }, { headers: { "Retry-After": String(seconds) } });
}
