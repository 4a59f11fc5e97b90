// Which requests maintenance mode closes: storefront pages and storefront APIs, never the owner's or the machines' doors.

export type MaintenanceScope = "exempt" | "page" | "api";

const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** A file served as it is (an image, the favicon, a font): never a page, always served. */
const STATIC_FILE = /\.(?:avif|bmp|css|gif|ico|jpe?g|js|json|map|png|svg|txt|webmanifest|webp|woff2?|xml)$/i;

/**
 * Exempt: the admin and its sign-in, the admin API, payment webhooks (a payment already under way
 * must still become an order), cron, the health check, and static assets. Every other API answers
 * the JSON error; every other path is a storefront page.
 */
export function maintenanceScopeOf(pathname: string): MaintenanceScope {
  if (under(pathname, "/admin") || under(pathname, "/api/admin")) return "exempt";
  if (under(pathname, "/api/webhooks") || under(pathname, "/api/cron") || under(pathname, "/api/health")) return "exempt";
  if (under(pathname, "/_next") || pathname === "/favicon.ico" || under(pathname, "/images") || STATIC_FILE.test(pathname)) return "exempt";
  if (under(pathname, "/api")) return "api";
  return "page";
}
