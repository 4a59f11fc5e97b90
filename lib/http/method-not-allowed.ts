// 405 in the JSON error contract: Next answers an unexported method with an empty body, so each route file exports the rest explicitly.
import { adminRoute } from "./admin-route";
import { AppError } from "@/lib/app-error";
import { route } from "./route";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

function refusal(method: string, allowed: HttpMethod[]): AppError {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return new AppError("method_not_allowed", `${method} is not supported here. Use ${allowed.join(" or ")}.`, undefined, {
    headers: { Allow: allow },
  });
}

/**
 * Handlers for every method a route does not serve, each a 405 JSON error with `Allow`. Used as
 * `export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);` (HEAD and OPTIONS
 * Next derives itself). `app/api/route-contract.test.ts` checks every route file answers every
 * method with JSON. Under /api/admin, pass `{ admin: true }`: a stranger learns nothing, not even
 * which methods exist, before requireAdmin() lets them in.
 */
export function methodsNotAllowed(allowed: HttpMethod[], options: { admin?: boolean } = {}) {
  const wrap = options.admin ? adminRoute : route;
  const refuse = wrap(async ({ request }) => {
    throw refusal(request.method, allowed);
  });
  return Object.fromEntries(HTTP_METHODS.map((method) => [method, refuse])) as Record<HttpMethod, typeof refuse>;
}
