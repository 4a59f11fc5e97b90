// Route handler wrapper: request ids, the API gate, JSON parsing and the mapping of every error to the JSON contract.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type ZodType } from "zod";
import { countDatabaseWork } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import { assertApiRequestAllowed } from "./api-gate";
import { httpStatusOf, type ErrorBody } from "./errors";
import { assertJsonBody, JSON_BODY_LIMIT_BYTES, readBodyText } from "./request-body";
import { assertSameOrigin } from "./same-origin";

export type RouteContext<P = Record<string, string>> = { params: Promise<P> };

export type HandlerArgs<P> = { request: NextRequest; params: P; requestId: string };

function errorResponse(status: number, body: ErrorBody, requestId: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers: { ...headers, "x-request-id": requestId } });
}

/** Maps anything thrown to the JSON error contract; unknown errors are logged and answered generically. */
export function toErrorResponse(error: unknown, requestId: string): NextResponse {
  if (error instanceof AppError) {
    return errorResponse(
      httpStatusOf(error),
      { error: { ...error.fields, code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } },
      requestId,
      error.headers,
    );
  }
  if (error instanceof ZodError) {
    const details = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return errorResponse(400, { error: { code: "validation_error", message: "The request is not valid.", details } }, requestId);
  }
  console.error(`[request ${requestId}] unhandled error`, error);
  return errorResponse(
    500,
    { error: { code: "internal", message: "Something went wrong on our side. Please try again.", requestId } },
    requestId,
  );
}

export type RouteOptions = {
  /**
   * `server-to-server` skips the Origin check for a caller that is not a visitor's browser (the
   * payment webhook, authenticated by its signature instead).
   */
  caller?: "browser" | "server-to-server";
};

/**
 * Wraps a route handler: awaits params, gives it a request id, refuses malformed paths, closed
 * storefront APIs and cross-site writes, maps its errors. middleware.ts
 * does not run on /api but /api/admin, so what it did for the other APIs is done here (lib/http/api-gate.ts).
 * A request id sent by the client is kept only if it looks like one (it is echoed and logged).
 */
export function route<P = Record<string, string>>(handler: (args: HandlerArgs<P>) => Promise<Response>, options: RouteOptions = {}) {
  const wrapped = wrapHandler(handler, options);
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    if (!isExposingDatabaseWork()) return wrapped(request, context);
    // Benchmarks only (see BENCH_EXPOSE_ROUND_TRIPS in lib/env.ts): what this request cost the database.
    const { result: response, cost } = await countDatabaseWork(() => wrapped(request, context));
    response.headers.set("x-db-round-trips", String(cost.roundTrips));
    response.headers.set("x-db-statements", String(cost.statements));
    response.headers.set("x-order-fallbacks", String(cost.fallbacks));
    return response;
  };
}

/** An invalid environment is the handler's to report (as JSON), not the benchmark header's. */
function isExposingDatabaseWork(): boolean {
  try {
    return env().BENCH_EXPOSE_ROUND_TRIPS === "1";
  } catch {
    return false;
  }
}

function wrapHandler<P>(handler: (args: HandlerArgs<P>) => Promise<Response>, options: RouteOptions) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    const sent = request.headers.get("x-request-id");
    const requestId = sent && /^[\w.-]{1,100}$/.test(sent) ? sent : randomUUID();
    try {
      await assertApiRequestAllowed(request, new Date());
      if (options.caller !== "server-to-server") assertSameOrigin(request);
      const params = context?.params ? await context.params : ({} as P);
      const response = await handler({ request, params, requestId });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return toErrorResponse(error, requestId);
    }
  };
}

/**
 * Reads a JSON body and validates it: another content type is a 415, a body over the limit a 413
 * (read no further than the limit), malformed JSON a 400 like any other bad input.
 */
export async function parseJson<T>(request: Request, schema: ZodType<T>, limitBytes = JSON_BODY_LIMIT_BYTES): Promise<T> {
  assertJsonBody(request);
  const text = await readBodyText(request, limitBytes);
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  return schema.parse(body);
}

/** Validates query-string parameters against a schema. */
export function parseQuery<T>(request: NextRequest, schema: ZodType<T>): T {
  return schema.parse(Object.fromEntries(request.nextUrl.searchParams.entries()));
}

export const json = (body: unknown, init?: ResponseInit) => NextResponse.json(body, init);
