// Reading request bodies with a ceiling: refused by Content-Length before reading, and cut off while streaming.
import { AppError } from "./errors";

/** Every JSON body this API takes is a small form (cart line, checkout details, a password). */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;
/** Stripe events carry the session with its line items: larger than our forms, still small. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;

function tooLarge(limitBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than this endpoint accepts (${Math.floor(limitBytes / 1024)} KB).`, {
    limitBytes,
  });
}

/**
 * The body as text, never holding more than `limitBytes` of it: a declared length over the limit is
 * refused unread, and a body that streams past it (no or a lying Content-Length) is cancelled at
 * the limit. Either way 413 JSON, and nothing downstream runs, so nothing is written.
 */
export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | null): boolean {
  return value !== null && value.split(";")[0]!.trim().toLowerCase() === "application/json";
}

/**
 * JSON endpoints take only `application/json`. Cross-site HTML forms can send `text/plain`,
 * `multipart/form-data` and `application/x-www-form-urlencoded` without a CORS preflight, so
 * accepting them would let any page post to the shop with the visitor's cookies. A request without
 * a body and without a type (DELETE, an empty POST) carries nothing to refuse.
 */
export function assertJsonBody(request: Request): void {
  const type = request.headers.get("content-type");
  const declared = request.headers.get("content-length");
  const hasBody = request.body !== null && declared?.trim() !== "0";
  if (type === null && !hasBody) return;
  if (!isJsonContentType(type)) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
}
