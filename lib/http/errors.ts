// The one error type of the app and its mapping to HTTP statuses.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  insufficient_stock: 409,
  stale_write: 409,
  /** Stock moved since the owner looked (a sale or another adjustment): the bulk adjustment is refused whole. */
  stale_stock: 409,
  illegal_transition: 409,
  unprocessable: 422,
  no_shipping_rate: 422,
  discount_not_applicable: 422,
  too_many_requests: 429,
  internal: 500,
  payment_provider_error: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorBody = { error: { code: ErrorCode | "validation_error"; message: string; details?: unknown; requestId?: string } };

/** A failure the caller can act on: its code decides the status, its message is safe to show. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
