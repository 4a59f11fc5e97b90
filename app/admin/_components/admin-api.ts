// Browser-side calls to the admin's JSON API: every failure becomes a message the owner can act on.

export type AdminApiError = { status: number; code: string; message: string; details?: unknown };
export type AdminApiResult<T> = { ok: true; data: T } | { ok: false; error: AdminApiError };

const FALLBACK = "Something went wrong on our side. Please try again.";

export async function callAdminApi<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<AdminApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    return { ok: false, error: { status: 0, code: "network", message: "We could not reach the shop. Check your connection and try again." } };
  }
  const payload = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, data: payload as T };
  const error = (payload as { error?: Omit<AdminApiError, "status"> } | null)?.error;
  return { ok: false, error: { status: response.status, code: error?.code ?? "internal", message: error?.message ?? FALLBACK, details: error?.details } };
}

/** Field errors of a 400 validation answer, keyed by the field's path (`items.0.quantity`). */
export function fieldErrorsOf(error: AdminApiError): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(error.details)) return errors;
  for (const detail of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof detail?.path === "string" && typeof detail.message === "string" && !(detail.path in errors)) errors[detail.path] = detail.message;
  }
  return errors;
}
