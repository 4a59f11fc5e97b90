// The admin's public doors and where a refused visitor is sent back to after signing in.

export const ADMIN_SIGN_IN_PATH = "/admin/sign-in";
export const ADMIN_SESSION_API_PATH = "/api/admin/session";
/** A new admin's one-time link lands here; the link's token is the proof, so both are public. */
export const ADMIN_SET_PASSWORD_PATH = "/admin/set-password";
export const ADMIN_SET_PASSWORD_API_PATH = "/api/admin/account/set-password";

/** Set by middleware.ts on admitted requests so a page's own refusal can still send the owner back here. */
export const ADMIN_PATH_HEADER = "x-admin-path";

/**
 * Reachable without being an admin: the sign-in page, signing in or out through the API, and
 * setting a first password through a one-time link (page and API).
 * `GET /api/admin/session` (who am I) is not public; middleware lets the path through and the
 * handler refuses it itself, like every admin handler.
 */
export function isPublicAdminPath(pathname: string): boolean {
  return (
    pathname === ADMIN_SIGN_IN_PATH ||
    pathname === ADMIN_SESSION_API_PATH ||
    pathname === ADMIN_SET_PASSWORD_PATH ||
    pathname === ADMIN_SET_PASSWORD_API_PATH
  );
}

/**
 * Only a path inside the admin is a valid place to return to: anything else (another site,
 * `//evil.example`, `/\evil.example`, the sign-in page itself) becomes the dashboard.
 */
export function safeAdminReturnPath(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return "/admin";
  let url: URL;
  try {
    url = new URL(candidate, "http://admin.invalid");
  } catch {
    return "/admin";
  }
  if (url.origin !== "http://admin.invalid") return "/admin";
  const isAdminPath = url.pathname === "/admin" || url.pathname.startsWith("/admin/");
  if (!isAdminPath || url.pathname === ADMIN_SIGN_IN_PATH) return "/admin";
  return `${url.pathname}${url.search}`;
}

export function signInPathFor(returnTo: string | null | undefined): string {
  const target = safeAdminReturnPath(returnTo);
  return target === "/admin" ? ADMIN_SIGN_IN_PATH : `${ADMIN_SIGN_IN_PATH}?next=${encodeURIComponent(target)}`;
}
