// The admin pages' one way to call an admin API route from the browser and read its JSON error contract.

export type FieldErrors = Record<string, string>;
export type AdminCallResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: FieldErrors };

type ErrorBody = { error?: { message?: string; details?: unknown } };

/** Maps zod's `details: [{ path, message }]` to messages per field name. */
function fieldErrorsOf(details: unknown): FieldErrors {
  if (!Array.isArray(details)) return {};
  const errors: FieldErrors = {};
  for (const item of details as { path?: unknown; message?: unknown }[]) {
    if (typeof item?.path === "string" && typeof item.message === "string" && !errors[item.path]) errors[item.path] = item.message;
  }
  return errors;
}

export async function postAdminJson<T = unknown>(url: string, body: unknown): Promise<AdminCallResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, message: "The shop could not be reached. Check the connection and try again.", fieldErrors: {} };
  }
  const payload = (await response.json().catch(() => ({}))) as T & ErrorBody;
  if (response.ok) return { ok: true, data: payload };
  return {
    ok: false,
    message: payload.error?.message ?? `Something went wrong (${response.status}).`,
    fieldErrors: fieldErrorsOf(payload.error?.details),
  };
}
