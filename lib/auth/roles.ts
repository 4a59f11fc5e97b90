// What each admin role may do: the one rule requireAdmin() applies to every page, handler and action.
import { AppError } from "@/lib/app-error";
import type { AdminIdentity, AdminRole } from "./identity";

/** The path of the page that tells a signed-in admin their role cannot open what they asked for. */
export const ADMIN_NOT_ALLOWED_PATH = "/admin/not-allowed";

/**
 * Whether an admin of role `has` may do what needs role `needs`. Owners may do everything; staff
 * only what is marked `{ role: "staff" }` (orders, fulfilment, notes, stock, emails, the dashboard).
 */
export function roleAllows(has: AdminRole, needs: AdminRole): boolean {
  return has === "owner" || needs === "staff";
}

export function roleRefusal(admin: AdminIdentity): AppError {
  return new AppError("forbidden", `Your ${admin.role} account cannot do this: ask the shop's owner.`);
}

/** For a handler whose role depends on what the body asks (a status menu): throws the 403 refusal. */
export function assertRoleAllows(admin: AdminIdentity, needs: AdminRole): void {
  if (!roleAllows(admin.role, needs)) throw roleRefusal(admin);
}
