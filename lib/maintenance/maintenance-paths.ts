// Which requests maintenance mode closes: storefront pages and storefront APIs, never the owner's or the machines' doors.

/** `open`: a storefront page or API that stays open while the shop is closed; `page` and `api` close. */
export type MaintenanceScope = "exempt" | "open" | "page" | "api";

const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/**
 * The files the shop serves as they are: Next's build output, the icons in app/ (favicon.ico,
 * icon.svg) and public/'s folders. Named, not guessed from a suffix: a dynamic page takes any last
 * segment (`/order/HD-2002.json` is the order page), so a suffix says nothing about what answers.
 * A new file or folder in public/ needs its line here (a test compares the two). `/uploads` is the
 * owner's photos, served from storage by app/uploads/[...key]: files too, and shown on the closed page's
 * neighbours (the admin) as well.
 */
const STATIC_PREFIXES = ["/_next", "/images", "/uploads"];
const STATIC_FILES = new Set(["/favicon.ico", "/icon.svg"]);

function isStaticAsset(pathname: string): boolean {
  return STATIC_FILES.has(pathname) || STATIC_PREFIXES.some((prefix) => under(pathname, prefix));
}

/**
 * The order page is where every confirmation and shipping email links, and the back-soon page
 * promises that paid orders are safe: a buyer must still be able to see theirs, and its email
 * form (a server action posted to the same path) must still answer. The same goes for the page the
 * payment provider sends a buyer back to and the status API it polls: the shopper has just paid
 * (the payment started before the shop closed) and must see what became of it.
 */
const OPEN_PREFIXES = ["/order", "/checkout/success", "/api/checkout/status", "/waitlist/unsubscribe", "/api/waitlist/unsubscribe"];

/**
 * Exempt: the admin and its sign-in, the admin API, payment webhooks (a payment already under way
 * must still become an order), cron, the health check (both of its paths), and static assets. Every other API answers
 * the JSON error; every other path is a storefront page.
 */
export function maintenanceScopeOf(pathname: string): MaintenanceScope {
  if (under(pathname, "/admin") || under(pathname, "/api/admin")) return "exempt";
  if (under(pathname, "/api/webhooks") || under(pathname, "/api/cron") || under(pathname, "/api/health") || pathname === "/health") return "exempt";
  if (isStaticAsset(pathname)) return "exempt";
  if (OPEN_PREFIXES.some((prefix) => under(pathname, prefix))) return "open";
  if (under(pathname, "/api")) return "api";
  return "page";
}
