// `npm run test:libsql-server`: the protocol server's own tests and the app's remote-path tests through it.
import { defineConfig } from "vitest/config";
import base from "../../vitest.config";

export default defineConfig({
  ...base,
  test: { ...base.test, include: ["tests/libsql-server/**/*.test.ts"] },
});
