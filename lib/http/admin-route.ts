// Wrapper for every /api/admin handler: route() plus requireAdmin() before the handler runs.
import { requireAdmin } from "@/lib/auth/admin";
import type { AdminIdentity, AdminRole } from "@/lib/auth/identity";
import { route, type HandlerArgs } from "./route";

export type AdminHandlerArgs<P> = HandlerArgs<P> & { admin: AdminIdentity };

/**
 * Refusals become 401 (not signed in), 403 (signed in, not on the allowlist, or a role that may not
 * do this) or 503 (admin not configured) JSON through route()'s error mapping, before the handler
 * sees the request. Owner-only unless the handler says `{ role: "staff" }`.
 */
export function adminRoute<P = Record<string, string>>(
  handler: (args: AdminHandlerArgs<P>) => Promise<Response>,
  { role = "owner" }: { role?: AdminRole } = {},
) {
  return route<P>(async (args) => {
    const admin = await requireAdmin({ request: args.request, role });
    return handler({ ...args, admin });
  });
}
