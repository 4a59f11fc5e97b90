import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const output = path.join(root, ".vercel", "output");

/** Vercel's limit on a function's files, unzipped (https://vercel.com/docs/functions/limitations). */
const FUNCTION_SIZE_LIMIT_BYTES = 250 * 1024 * 1024;

type Cron = { path: string; schedule: string };
type OutputConfig = { version: number; crons?: Cron[]; routes?: { src?: string; middlewarePath?: string }[] };
type FunctionConfig = { runtime?: string; handler?: string; entrypoint?: string; filePathMap?: Record<string, string> };

function readJson<T>(file: string): T {
  if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run npm run vercel:build (it builds, then runs this check)`);
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** Every `.func` directory under functions/, by its path (`api/cart`, `api/admin/products/[id]`). */
function functionDirs(dir = path.join(output, "functions")): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (!statSync(full).isDirectory()) continue;
    if (entry.name.endsWith(".func")) found.set(path.relative(path.join(output, "functions"), full).slice(0, -".func".length), full);
    else for (const [name, funcDir] of functionDirs(full)) found.set(name, funcDir);
  }
  return found;
}

/**
 * Bytes a function deploys: its own files plus those its config maps in from the project. Most
 * `.func` directories link to a shared one (measured once, by its real path); a link inside is
 * deployed as a link, so it counts nothing.
 */
function functionSize(funcDir: string): number {
  let bytes = 0;
  const walk = (file: string) => {
    const stat = lstatSync(file);
    if (stat.isDirectory()) for (const entry of readdirSync(file)) walk(path.join(file, entry));
    else if (stat.isFile()) bytes += stat.size;
  };
  walk(funcDir);
  const config = readJson<FunctionConfig>(path.join(funcDir, ".vc-config.json"));
  for (const source of Object.values(config.filePathMap ?? {})) {
    const stat = lstatSync(path.resolve(root, source));
    if (stat.isFile()) bytes += stat.size;
  }
  return bytes;
}

/** `app/api/admin/products/[id]/route.ts` → `api/admin/products/[id]`; route groups leave no segment. */
function routeOf(file: string): string {
  return path
    .relative(path.join(root, "app"), path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .join("/");
}

function routeHandlers(dir = path.join(root, "app")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeHandlers(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [routeOf(full)] : [];
  });
}

describe("vercel build's output (.vercel/output)", () => {
  it("schedules every cron of vercel.json with its schedule", () => {
    const config = readJson<OutputConfig>(path.join(output, "config.json"));
    const { crons = [] } = readJson<{ crons?: Cron[] }>(path.join(root, "vercel.json"));
    expect(crons.length).toBeGreaterThan(0);
    expect(config.version).toBe(3);
    expect(config.crons).toEqual(crons.map(({ path: cronPath, schedule }) => ({ path: cronPath, schedule })));
  });

  it("runs the middleware", () => {
    const config = readJson<OutputConfig>(path.join(output, "config.json"));
    const middlewarePaths = [...new Set((config.routes ?? []).flatMap((route) => (route.middlewarePath ? [route.middlewarePath] : [])))];
    expect(middlewarePaths).toHaveLength(1);
    const middleware = readJson<FunctionConfig>(path.join(output, "functions", `${middlewarePaths[0]!.replace(/^\//, "")}.func`, ".vc-config.json"));
    expect(middleware.entrypoint ?? middleware.handler).toBeTruthy();
  });

  it("has a function for every route handler under app/", () => {
    const functions = functionDirs();
    const handlers = routeHandlers();
    expect(handlers.length).toBeGreaterThan(40);
    expect(handlers.filter((route) => !functions.has(route))).toEqual([]);
  });

  it("keeps every function under Vercel's 250 MB unzipped limit", () => {
    const byRealDir = new Map<string, string>();
    for (const [name, dir] of functionDirs()) if (!byRealDir.has(realpathSync(dir))) byRealDir.set(realpathSync(dir), name);
    const sizes = [...byRealDir].map(([dir, name]) => ({ name, megabytes: Math.round(functionSize(dir) / 1024 / 102.4) / 10 }));
    expect(sizes.length).toBeGreaterThan(0);
    const largest = sizes.reduce((max, size) => (size.megabytes > max.megabytes ? size : max));
    console.log(`${sizes.length} distinct functions; the largest, ${largest.name}, is ${largest.megabytes} MB unzipped`);
    expect(sizes.filter((size) => size.megabytes * 1024 * 1024 > FUNCTION_SIZE_LIMIT_BYTES)).toEqual([]);
  });
});
