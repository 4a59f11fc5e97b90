// Every API endpoint of the app, found by walking app/api/**/route.ts: endpoints added later are probed too.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type Endpoint = {
  /** The URL path, dynamic segments filled with values that name nothing that exists. */
  path: string;
  /** The file's path pattern, e.g. /api/admin/orders/[id]/fulfill. */
  pattern: string;
  file: string;
  methods: HttpMethod[];
  isAdmin: boolean;
};

const ROUTE_FILE = /^route\.(ts|tsx|js|mjs)$/;

/** `[id]` → a number no row has; `[...slug]` / `[[...slug]]` → two made-up segments; `(group)` → nothing. */
function urlSegment(segment: string): string | null {
  if (/^\(.*\)$/.test(segment)) return null;
  if (/^\[\[?\.\.\./.test(segment)) return "chaos/probe";
  if (/^\[.*\]$/.test(segment)) return "987654321";
  return segment;
}

/** Methods a route file exports: `export const POST =`, `export async function GET(`, `export { GET, POST }`. */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of match[1]!.split(","))
      found.add(
        name
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

export function discoverEndpoints(apiDir = path.join("app", "api")): Endpoint[] {
  const endpoints: Endpoint[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full, [...segments, entry.name]);
      } else if (ROUTE_FILE.test(entry.name)) {
        const urlPath = ["/api", ...segments.map(urlSegment).filter((segment): segment is string => segment !== null)].join("/");
        endpoints.push({
          path: urlPath,
          pattern: ["/api", ...segments].join("/"),
          file: full,
          methods: exportedMethods(readFileSync(full, "utf8")),
          isAdmin: urlPath === "/api/admin" || urlPath.startsWith("/api/admin/"),
        });
      }
    }
  };
  walk(apiDir, []);
  return endpoints;
}
