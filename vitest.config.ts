import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // What Next's server bundles get for `server-only` (its plain import always throws).
      "server-only": fileURLToPath(new URL("./node_modules/next/dist/compiled/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/libsql-server/**/*.test.ts"],
    // Every test file gets its own freshly migrated database file (see tests/setup/database.ts).
    setupFiles: ["./tests/setup/database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests run as if behind one proxy, so each test's X-Forwarded-For is its own client (lib/http/client-address.ts).
    env: { NODE_ENV: "test", NEXT_TELEMETRY_DISABLED: "1", TRUSTED_PROXY: "1" },
  },
});
