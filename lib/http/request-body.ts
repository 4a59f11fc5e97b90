// Reading request bodies with a ceiling: refused by Content-Length before reading, and cut off while streaming.
import { AppError } from "@/lib/app-error";

/** Every JSON body this API takes is a small form (cart line, checkout details, a password). */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;
/** Stripe events carry the session with its line items: larger than our forms, still small. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;

function tooLarge(limitBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than this endpoint accepts (${Math.floor(limitBytes / 1024)} KB).`, {
    limitBytes,
  });
}

const cutOff = () => new AppError("bad_request", "The request body was cut off before it ended.");
const notDeclaredLength = () => new AppError("bad_request", "The request body is not the length it declared (Content-Length).");

/** A declared length we can hold the body to; anything else (absent, or not a plain number) is null. */
function declaredLength(request: Request): number | null {
  const declared = request.headers.get("content-length")?.trim();
  return declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : null;
}

/**
 * The body as text, never holding more than `limitBytes` of it: a declared length over the limit is
 * refused unread, and a body that streams past it (no or a lying Content-Length) is cancelled at
 * the limit, 413 JSON either way. A body that stops short of its Content-Length, or whose stream
 * fails part way (the client hung up), is a 400 like any other bad input, not a 500: it is the
 * client's doing, and a complete-looking JSON prefix of a larger body must not be taken for it.
 * Nothing downstream runs, so nothing is written.
 */
export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  return (await readBodyBytes(request, limitBytes)).toString("utf8");
}

/** readBodyText's bytes: the same ceiling, the same refusals; `tooLargeError` words the 413 for the endpoint. */
export async function readBodyBytes(request: Request, limitBytes: number, tooLargeError: () => AppError = () => tooLarge(limitBytes)): Promise<Buffer> {
  const declared = declaredLength(request);
  if (declared !== null && declared > limitBytes) throw tooLargeError();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw cutOff();
    }
    if (chunk.done) break;
    received += chunk.value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLargeError();
    }
    chunks.push(chunk.value);
  }
  if (declared !== null && received !== declared) throw notDeclaredLength();
  return Buffer.concat(chunks);
}

/** The declared length is over the limit: refuse before reading (or waiting to read) a byte. */
export function assertDeclaredLengthWithin(request: Request, limitBytes: number, tooLargeError: () => AppError): void {
  const declared = declaredLength(request);
  if (declared !== null && declared > limitBytes) throw tooLargeError();
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
