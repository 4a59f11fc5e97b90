import type { NextConfig } from "next";
import { env } from "./lib/env";
import { securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // The libSQL driver ships a native binding: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["@libsql/client", "libsql"],
  poweredByHeader: false,
  // Set once here for every response (CSP, nosniff, Referrer-Policy, HSTS in production, no framing of the admin).
  async headers() {
    return securityHeaders(env());
  },
};

export default nextConfig;
