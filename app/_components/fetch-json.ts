// The browser's one way to call the shop's JSON API: every failure folded into the API's error shape.

export type ApiProblem = { code: string; message: string; details?: unknown };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

const OFFLINE: ApiProblem = { code: "network", message: "We couldn't reach the shop. Check your connection and try again." };
const BROKEN: ApiProblem = { code: "internal", message: "Something went wrong on our side. Please try again." };

/**
 * Sends `body` as application/json (the only type the API accepts) and never throws: no network,
 * a non-JSON answer and an HTTP error all come back as `{ ok: false, problem }`.
 */
export async function fetchJson<T>(url: string, options: { method?: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown } = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: options.body === undefined ? undefined : { "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: "no-store",
    });
  } catch {
    return { ok: false, problem: OFFLINE };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok && json !== undefined) return { ok: true, data: json as T };
  const error = (json as { error?: Partial<ApiProblem> } | undefined)?.error;
  if (!error?.code || !error.message) return { ok: false, problem: BROKEN };
  return { ok: false, problem: { code: error.code, message: error.message, details: error.details } };
}
