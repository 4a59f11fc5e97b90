import { defineConfig } from "drizzle-kit";
import { env } from "./lib/env";

// `db:generate` only diffs schema.ts against the migrations folder and never connects; `db:studio`
// opens the database the app uses (DATABASE_URL, read through lib/env like everything else).
const { DATABASE_URL: url, DATABASE_AUTH_TOKEN: authToken } = env();
const isFile = url.startsWith("file:");

export default defineConfig({
  dialect: isFile ? "sqlite" : "turso",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
  dbCredentials: isFile ? { url } : { url, authToken },
});
