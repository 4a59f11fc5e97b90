// npm run vercel:build – `vercel build` offline with the committed project settings, then the checks on .vercel/output (tests/vercel).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();

type ProjectSettings = { settings?: { framework?: string; installCommand?: string | null } };

/**
 * `vercel build` installs dependencies first unless the project's install command is empty, and an
 * install over an existing (or a linked) node_modules rewrites it under every other process using it.
 * CI installs once with `npm ci`; this refuses to run if the committed settings ever lose that.
 */
function assertNoInstallStep(): void {
  const project = JSON.parse(readFileSync(path.join(root, ".vercel", "project.json"), "utf8")) as ProjectSettings;
  if (project.settings?.installCommand !== "" || project.settings.framework !== "nextjs") {
    console.error('.vercel/project.json must keep settings.framework = "nextjs" and settings.installCommand = "" (no install, no network).');
    process.exit(1);
  }
}

/**
 * `--build-command <cmd>` swaps Next's build for another (`npx next build --webpack` in a git worktree,
 * whose linked node_modules Turbopack refuses) through a local copy of vercel.json, so the crons
 * the check compares still come from the committed file.
 */
function localConfigArgs(): string[] {
  const index = process.argv.indexOf("--build-command");
  if (index === -1) return [];
  const buildCommand = process.argv[index + 1];
  if (!buildCommand) {
    console.error("--build-command needs a command");
    process.exit(1);
  }
  const config = JSON.parse(readFileSync(path.join(root, "vercel.json"), "utf8")) as Record<string, unknown>;
  const localConfig = path.join(root, ".vercel", "vercel.local.json");
  writeFileSync(localConfig, `${JSON.stringify({ ...config, buildCommand }, null, 2)}\n`);
  return ["--local-config", localConfig];
}

assertNoInstallStep();
const startedAt = Date.now();
const build = spawnSync("npx", ["vercel", "build", "--yes", ...localConfigArgs()], { stdio: "inherit" });
const seconds = Math.round((Date.now() - startedAt) / 1000);
if (build.status !== 0) {
  console.error(`vercel build failed after ${seconds} s`);
  process.exit(build.status ?? 1);
}
console.log(`vercel build took ${seconds} s; checking .vercel/output …`);
const check = spawnSync("npx", ["vitest", "run", "--config", "tests/vercel/vitest.config.ts"], { stdio: "inherit" });
process.exit(check.status ?? 1);
