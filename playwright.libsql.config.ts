import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The browser purchase and the admin order flow with the app on the libSQL client's remote path: a
// seeded file behind tests/libsql-server (token required), DATABASE_URL=http://… — no statement
// cache, no simulated latency. `npm run build` first, as for playwright.config.ts.
const port = Number(process.env.E2E_PORT ?? 3113);
const databasePort = Number(process.env.LIBSQL_SERVER_PORT ?? 4305);
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl = `http://127.0.0.1:${databasePort}`;
const token = "e2e-libsql-server-token-0123456789";
const databaseFile = ".tmp/e2e-libsql/store.db";

// checkout.spec.ts reads the served file to check the ledger (workers inherit this).
process.env.E2E_DATABASE_FILE = databaseFile;

const baseServer = Array.isArray(base.webServer) ? base.webServer[0]! : base.webServer!;

export default defineConfig({
  ...base,
  testMatch: ["checkout.spec.ts", "admin-orders.spec.ts"],
  // Every query is an HTTP request here: the flows take longer than on the file.
  timeout: 120_000,
  use: { ...base.use, baseURL },
  webServer: [
    {
      // Seeded as a file (the fast way), then only ever opened by the protocol server.
      command: `rm -rf .tmp/e2e-libsql && DATABASE_URL=file:./${databaseFile} npm run db:seed && npx tsx tests/libsql-server/cli.ts --db ${databaseFile} --port ${databasePort} --token ${token}`,
      url: `${databaseUrl}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...baseServer.env, DATABASE_URL: `file:./${databaseFile}`, DATA_DIR: "./.tmp/e2e-libsql" },
    },
    {
      command: `npm run start -- --port ${port} --hostname 127.0.0.1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...baseServer.env, DATABASE_URL: databaseUrl, DATABASE_AUTH_TOKEN: token, DATA_DIR: "./.tmp/e2e-libsql", APP_URL: baseURL },
    },
  ],
});
