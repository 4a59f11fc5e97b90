import { defineConfig, devices } from "@playwright/test";
import { clerkServerEnv } from "./tests/e2e/clerk/clerk-instance";

// Browser tests run against a production build (`npm run build` first; CI does) on a database of
// their own, with Debian's Chromium: browsers are never downloaded.
const port = Number(process.env.E2E_PORT ?? 3111);
const baseURL = `http://127.0.0.1:${port}`;
// The "clerk" project's server: the same build with Clerk configured, on a port and database of its own.
const clerkPort = Number(process.env.E2E_CLERK_PORT ?? port + 10);
const clerkBaseURL = `http://127.0.0.1:${clerkPort}`;

export const E2E_ADMIN_PASSWORD = "e2e-owner-password-123";

export default defineConfig({
  testDir: "./tests/e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: /[\\/]clerk[\\/]/, use: { ...devices["Desktop Chrome"] } },
    { name: "clerk", testDir: "./tests/e2e/clerk", use: { ...devices["Desktop Chrome"], baseURL: clerkBaseURL } },
  ],
  webServer: [
    {
      // A fresh database per run, loaded with the demo shop (prestart never seeds in production).
      command: `rm -rf .tmp/e2e && npm run db:seed && npm run start -- --port ${port} --hostname 127.0.0.1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...serverEnv("e2e", baseURL), ADMIN_PASSWORD: E2E_ADMIN_PASSWORD, SESSION_SECRET: "e2e-session-secret-0123456789abcdefghijklmnop" },
    },
    {
      command: `rm -rf .tmp/e2e-clerk && npm run db:seed && npm run start -- --port ${clerkPort} --hostname 127.0.0.1`,
      url: `${clerkBaseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...serverEnv("e2e-clerk", clerkBaseURL), ...clerkServerEnv() },
    },
  ],
});

/** What both servers share: production mode, local adapters, a database of their own under .tmp. */
function serverEnv(directory: string, appUrl: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: `file:./.tmp/${directory}/store.db`,
    DATA_DIR: `./.tmp/${directory}`,
    APP_URL: appUrl,
    PAYMENTS_PROVIDER: "local",
    EMAIL_TRANSPORT: "capture",
    STRIPE_WEBHOOK_SECRET: "whsec_e2e_local_signing_secret_0123456789ab",
    CRON_SECRET: "e2e-cron-secret-0123456789abcdefghijklmn",
  };
}
