import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The libSQL driver ships a native binding: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["@libsql/client", "libsql"],
  poweredByHeader: false,
};

export default nextConfig;
