import type { NextConfig } from "next";
import { env } from "./lib/env";
import { securityHeaders } from "./lib/http/security-headers";
import { HOME_PAGE_PATH } from "./lib/storefront/home-path";
import { BLOB_HOST_PATTERN } from "./lib/uploads/upload-url";

const nextConfig: NextConfig = {
  // The libSQL driver ships a native binding: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["@libsql/client", "libsql"],
  poweredByHeader: false,
  experimental: {
    // The storefront's data cache (lib/catalog/storefront-cache.ts) lives in the server's memory only: a
    // restart, a restored backup or a freshly seeded database never serves what an earlier one cached.
    isrFlushToDisk: false,
  },
  images: {
    // Photos come from the shop itself (/uploads, /images) or its Vercel Blob store; no other host.
    remotePatterns: [{ protocol: "https", hostname: BLOB_HOST_PATTERN }],
  },
  // A collection's orders and pages as paths of their own, so each is kept in Next's full-route cache
  // (a page that read the query string would be rendered per request). Links keep the query form.
  async rewrites() {
    const sort = { type: "query" as const, key: "sort", value: "(?<sort>[a-z-]{1,20})" };
    const page = { type: "query" as const, key: "page", value: "(?<page>\\d{1,5})" };
    return {
      beforeFiles: [
        // The home page too: a path with a parameter is rendered on its first visit, not at build time (app/home/[view]).
        { source: "/", destination: HOME_PAGE_PATH },
        { source: "/collections/:slug", has: [sort, page], destination: "/collections/:slug/sorted/:sort/:page" },
        { source: "/collections/:slug", has: [sort], destination: "/collections/:slug/sorted/:sort/1" },
        { source: "/collections/:slug", has: [page], destination: "/collections/:slug/sorted/featured/:page" },
      ],
    };
  },
  // Set once here for every response (CSP, nosniff, Referrer-Policy, HSTS in production, no framing of the admin).
  async headers() {
    return securityHeaders(env());
  },
};

export default nextConfig;
