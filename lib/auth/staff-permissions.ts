// The one table of what staff may open and do: every admin page and API method names the role it needs.
// Handlers and pages state their role themselves (adminRoute's / requireAdmin's `role`); the route walk
// (app/admin/route-walk.test.ts) proves each one matches this table, and the menu hides what it forbids.
import type { ManualStatus } from "@/lib/orders/change-order-status";
import type { AdminRole } from "./identity";
import { roleAllows } from "./roles";

type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** `anyone`: a door that is how one becomes (or stops being) an admin, so no role can apply to it. */
export type AdminApiAccess = AdminRole | "anyone";

/**
 * Each admin page by its file's route (`app/admin/orders/[id]/page.tsx` → `/admin/orders/[id]`).
 * Staff pack, count and read orders; anything that moves money, reveals customers wholesale or
 * changes the shop itself is the owner's.
 */
export const ADMIN_PAGE_ROLES: Readonly<Record<string, AdminRole>> = {
  "/admin": "staff",
  "/admin/not-allowed": "staff",
  "/admin/orders": "staff",
  "/admin/orders/[id]": "staff",
  "/admin/orders/[id]/packing-slip": "staff",
  "/admin/inventory": "staff",
  "/admin/inventory/[variantId]": "staff",
  "/admin/emails": "staff",
  "/admin/emails/[id]": "staff",
  // Everyone changes their own password.
  "/admin/account": "staff",
  "/admin/staff": "owner",
  "/admin/updates": "owner",
  "/admin/updates/new": "owner",
  "/admin/updates/[id]": "owner",
  "/admin/updates/[id]/edit": "owner",
  "/admin/updates/[id]/live": "owner",
  "/admin/analytics": "owner",
  "/admin/customers": "owner",
  "/admin/customers/[id]": "owner",
  "/admin/products": "owner",
  "/admin/products/new": "owner",
  "/admin/products/[id]": "owner",
  "/admin/collections": "owner",
  "/admin/collections/new": "owner",
  "/admin/collections/[id]": "owner",
  "/admin/discounts": "owner",
  "/admin/discounts/new": "owner",
  "/admin/discounts/[id]": "owner",
  "/admin/pages": "owner",
  "/admin/pages/new": "owner",
  "/admin/pages/[id]": "owner",
  "/admin/shipping": "owner",
  "/admin/shipping/zones/new": "owner",
  "/admin/shipping/zones/[id]": "owner",
  "/admin/settings": "owner",
};

/**
 * Each admin API method a route serves, by its file's route. Methods a route does not serve answer
 * 405 to owners and are not listed. `POST /api/admin/orders/[id]/status` lets staff in because
 * marking an order delivered is fulfilment; which status they may set is ORDER_STATUS_CHANGE_ROLES.
 */
export const ADMIN_API_ROLES: Readonly<Record<string, Partial<Record<ApiMethod, AdminApiAccess>>>> = {
  "/api/admin/session": { GET: "staff", POST: "anyone", DELETE: "anyone" },
  "/api/admin/account/password": { POST: "staff" },
  // A new staff member's one-time link: how they become an admin, so no role applies.
  "/api/admin/account/set-password": { POST: "anyone" },
  "/api/admin/staff": { GET: "owner", POST: "owner" },
  "/api/admin/staff/[id]": { PATCH: "owner", DELETE: "owner" },
  "/api/admin/updates": { GET: "owner", POST: "owner" },
  "/api/admin/updates/[id]": { GET: "owner", PATCH: "owner", DELETE: "owner" },
  "/api/admin/updates/[id]/close": { POST: "owner" },
  "/api/admin/updates/[id]/cancel": { POST: "owner" },
  "/api/admin/updates/[id]/live": { GET: "owner" },
  "/api/admin/orders": { GET: "staff" },
  "/api/admin/orders/[id]": { GET: "staff" },
  "/api/admin/orders/[id]/fulfill": { POST: "staff" },
  "/api/admin/orders/[id]/notes": { POST: "staff" },
  "/api/admin/orders/[id]/status": { POST: "staff" },
  "/api/admin/orders/[id]/refund": { POST: "owner" },
  "/api/admin/orders/[id]/cancel": { POST: "owner" },
  "/api/admin/orders/export": { GET: "owner" },
  "/api/admin/inventory": { GET: "staff" },
  "/api/admin/inventory/bulk": { POST: "staff" },
  "/api/admin/inventory/lookup": { POST: "staff" },
  // Re-sending a failed email writes to a customer again: reading the log is staff's, acting on it the owner's.
  "/api/admin/emails/[id]/retry": { POST: "owner" },
  "/api/admin/analytics": { GET: "owner" },
  "/api/admin/customers": { GET: "owner" },
  "/api/admin/customers/[id]": { GET: "owner" },
  "/api/admin/customers/[id]/export": { GET: "owner" },
  "/api/admin/customers/[id]/erase": { POST: "owner" },
  "/api/admin/customers/export": { GET: "owner" },
  "/api/admin/products": { GET: "owner", POST: "owner" },
  "/api/admin/products/[id]": { PATCH: "owner" },
  "/api/admin/collections": { GET: "owner", POST: "owner" },
  "/api/admin/collections/[id]": { GET: "owner", PATCH: "owner", DELETE: "owner" },
  "/api/admin/collections/order": { POST: "owner" },
  "/api/admin/pages": { GET: "owner", POST: "owner" },
  "/api/admin/pages/[id]": { GET: "owner", PATCH: "owner", DELETE: "owner" },
  "/api/admin/uploads": { POST: "owner" },
  "/api/admin/discounts": { GET: "owner", POST: "owner" },
  "/api/admin/discounts/[id]": { PATCH: "owner" },
  "/api/admin/discounts/[id]/deactivate": { POST: "owner" },
  "/api/admin/shipping/zones": { GET: "owner", POST: "owner" },
  "/api/admin/shipping/zones/[id]": { PATCH: "owner", DELETE: "owner" },
  "/api/admin/shipping/zones/[id]/rates": { POST: "owner" },
  "/api/admin/shipping/rates/[id]": { PATCH: "owner", DELETE: "owner" },
  "/api/admin/shipping/preview": { GET: "owner" },
  "/api/admin/settings": { GET: "owner", PUT: "owner" },
  "/api/admin/settings/maintenance": { PUT: "owner" },
  "/api/admin/settings/notifications": { PUT: "owner" },
};

/**
 * The status menu's moves: marking delivered finishes a fulfilment, so staff may; holding an order
 * or releasing a hold decides whether a payment is trusted, so only the owner may.
 */
export const ORDER_STATUS_CHANGE_ROLES: Readonly<Record<ManualStatus, AdminRole>> = {
  delivered: "staff",
  on_hold: "owner",
  processing: "owner",
};

/** Whether a role may open an admin page (a menu entry's `href`); a page not in the table is the owner's. */
export function canOpenAdminPage(role: AdminRole, href: string): boolean {
  return roleAllows(role, ADMIN_PAGE_ROLES[href] ?? "owner");
}

/** Whether a role may call an admin API method (by its file's route), for hiding buttons that would be refused. */
export function canCallAdminApi(role: AdminRole, route: string, method: ApiMethod): boolean {
  const needs = ADMIN_API_ROLES[route]?.[method] ?? "owner";
  return needs === "anyone" || roleAllows(role, needs);
}
