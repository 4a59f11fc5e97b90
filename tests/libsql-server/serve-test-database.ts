// Puts the protocol server in front of the test file's own database and points the app at it.
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/db";
import { filePathOfUrl } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { startHranaServer, type HranaServer, type HranaServerOptions } from "./hrana-server";

export const REMOTE_TEST_TOKEN = "remote-test-token-0123456789";

/**
 * Registers hooks: before the file's tests, the app's DATABASE_URL becomes the server's http:// URL
 * (with its token), so every query takes the client's remote path; after them, the file URL is back.
 */
export function serveTestDatabase(options: Omit<HranaServerOptions, "dbPath" | "token"> = {}): { server: () => HranaServer } {
  let server: HranaServer | undefined;
  let fileUrl = "";
  beforeAll(async () => {
    fileUrl = process.env.DATABASE_URL!;
    server = await startHranaServer({ ...options, dbPath: filePathOfUrl(fileUrl), token: REMOTE_TEST_TOKEN });
    await closeDb();
    process.env.DATABASE_URL = server.url;
    process.env.DATABASE_AUTH_TOKEN = REMOTE_TEST_TOKEN;
    resetEnvForTests();
  });
  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = fileUrl;
    delete process.env.DATABASE_AUTH_TOKEN;
    resetEnvForTests();
    await server?.close();
  });
  return {
    server: () => {
      if (!server) throw new Error("The protocol server starts in beforeAll");
      return server;
    },
  };
}
