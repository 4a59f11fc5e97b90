// The HTTP side of the app's one error type (lib/app-error.ts): each code's status and the JSON body.
import type { AppError, ErrorCode } from "@/lib/app-error";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  insufficient_stock: 409,
  stale_write: 409,
  stale_stock: 409,
  illegal_transition: 409,
  disputed: 409,
  quantity_limit: 409,
  not_live: 409,
  limit_reached: 409,
  not_admitted: 409,
  unprocessable: 422,
  no_shipping_rate: 422,
  discount_not_applicable: 422,
  too_many_requests: 429,
  internal: 500,
  payload_too_large: 413,
  unsupported_media_type: 415,
  payment_provider_error: 502,
  unavailable: 503,
  storage_unavailable: 503,
  maintenance: 503,
} as const satisfies Record<ErrorCode, number>;

export type ErrorBody = {
  error: { code: ErrorCode | "validation_error"; message: string; details?: unknown; requestId?: string; [field: string]: unknown };
};

export const httpStatusOf = (error: AppError): number => ERROR_STATUS[error.code];
