import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The checks on `vercel build`'s output: run by npm run vercel:build (or test:vercel after it), not by npm test. */
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("../../", import.meta.url)) } },
  test: {
    environment: "node",
    root: fileURLToPath(new URL("../../", import.meta.url)),
    include: ["tests/vercel/**/*.test.ts"],
  },
});
