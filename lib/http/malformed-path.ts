// A request path that names nothing: refused by middleware.ts for pages and by route() for APIs.

/** A path segment that is not valid percent-encoded UTF-8 (`/products/%ff`) cannot name anything. */
export function isMalformedPath(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}
