import { defineConfig } from "drizzle-kit";

// Generation only diffs schema.ts against the migrations folder; it never connects to a database.
export default defineConfig({
  dialect: "sqlite",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
});
