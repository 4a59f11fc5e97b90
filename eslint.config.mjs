// ESLint flat config: typescript-eslint's recommended rules, React's hooks rules and Next's own
// plugin (core web vitals). `npm run lint` runs it with --max-warnings 0, in CI too.
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const tests = ["**/*.test.ts", "**/*.test.tsx", "tests/**"];

export default tseslint.config(
  {
    ignores: [".next/**", "node_modules/**", ".tmp/**", "data/**", "exports/**", "backups/**", ".vercel/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  // Hooks rules for React code; tests name their fixtures use* (Playwright's `use`, useDatabase), which are not hooks.
  { ...reactHooks.configs.flat["recommended-latest"], files: ["app/**/*.tsx", "lib/**/*.tsx"], ignores: tests },
  {
    ...nextPlugin.configs["core-web-vitals"],
    files: ["app/**", "lib/**", "middleware.ts", "instrumentation.ts"],
    ignores: tests,
  },
);
