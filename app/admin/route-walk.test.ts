// Walks every admin page and admin API handler on disk and proves each one refuses, by itself, anyone
// who is not an admin: a page or route added later is covered the moment its file exists.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { replaceClerkUserIdSource } from "@/lib/auth/clerk-identity";
import { statementCount } from "@/lib/db";
import { restoreAdminEnv, useClerk, useOwnerLogin } from "@/tests/factories/admin-env";
import { expectRedirect, requestScope } from "@/tests/factories/admin-request-scope";
import { adminRequest } from "@/tests/factories/admin-requests";

// Pages read the request through next/headers; outside Next the test supplies an empty request.
vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));

const ROOT = process.cwd();
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * The only doors meant to open for strangers: they are how one becomes an admin (or stops being
 * one). Everything else under app/admin and app/api/admin must refuse.
 */
const PUBLIC_DOORS: Record<string, readonly string[] | "page"> = {
  "app/admin/sign-in/page.tsx": "page",
  "app/api/admin/session/route.ts": ["POST", "DELETE"],
  // A new admin's one-time link: the token in it is the proof (lib/auth/account-passwords.ts).
  "app/admin/set-password/page.tsx": "page",
  "app/api/admin/account/set-password/route.ts": ["POST"],
};

function filesNamed(directory: string, name: string): string[] {
  return readdirSync(path.join(ROOT, directory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === name)
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** Plausible values for a route's dynamic segments ([id] → "1", [...slug] → ["1"]). */
function paramsFor(file: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const match of file.matchAll(/\[\[?(\.\.\.)?([^\]]+)\]\]?/g)) params[match[2]!] = match[1] ? ["1"] : "1";
  return params;
}

/** The URL a file serves, with its dynamic segments filled in. */
function urlFor(file: string): string {
  return `/${path.posix.dirname(file).replace(/^app\//, "").replace(/\[\[?(\.\.\.)?[^\]]+\]\]?/g, "1").replace(/\/\([^)]+\)/g, "")}`;
}

const pages = filesNamed("app/admin", "page.tsx").filter((file) => PUBLIC_DOORS[file] !== "page");
const handlerFiles = filesNamed("app/api/admin", "route.ts");

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

async function handlersOf(file: string): Promise<Array<{ method: string; handler: Handler }>> {
  const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  const publicMethods = PUBLIC_DOORS[file];
  return HTTP_METHODS.filter((method) => typeof module[method] === "function")
    .filter((method) => !(Array.isArray(publicMethods) && publicMethods.includes(method)))
    .map((method) => ({ method, handler: module[method] as Handler }));
}

type Visitor = { name: string; expectedStatus: number; setUp: () => void };

// A Clerk-style user who signed in fine but is not on ADMIN_USER_IDS.
let clerkUserId: string | null = null;
const restoreClerk = replaceClerkUserIdSource(async () => clerkUserId);
afterAll(() => {
  restoreClerk();
  restoreAdminEnv();
});

const VISITORS: Visitor[] = [
  { name: "an anonymous visitor (owner login)", expectedStatus: 401, setUp: () => useOwnerLogin() },
  { name: "an anonymous visitor (Clerk)", expectedStatus: 401, setUp: () => useClerk("user_owner") },
  {
    name: "a signed-in Clerk user who is not on ADMIN_USER_IDS",
    expectedStatus: 403,
    setUp: () => {
      useClerk("user_owner");
      clerkUserId = "user_not_an_admin";
    },
  },
];

beforeEach(() => {
  clerkUserId = null;
  requestScope.reset();
});

describe("the admin route walk", () => {
  it("finds the admin's pages and handlers on disk", () => {
    expect(pages).toContain("app/admin/page.tsx");
    expect(pages.length).toBeGreaterThanOrEqual(11);
    expect(handlerFiles).toContain("app/api/admin/session/route.ts");
    for (const door of Object.keys(PUBLIC_DOORS)) expect([...pages, ...handlerFiles, "app/admin/sign-in/page.tsx", "app/admin/set-password/page.tsx"]).toContain(door);
  });

  describe.each(VISITORS)("refuses $name", ({ expectedStatus, setUp }) => {
    beforeEach(() => setUp());

    it.each(pages)("page %s sends them to sign-in before reading anything", async (file) => {
      const page = ((await import(path.join(ROOT, file))) as { default: (props: unknown) => unknown }).default;
      const before = statementCount();
      const target = await expectRedirect(() =>
        page({ params: Promise.resolve(paramsFor(file)), searchParams: Promise.resolve({}) }),
      );
      expect(target.startsWith("/admin/sign-in"), `${file} redirected to ${target}`).toBe(true);
      expect(statementCount() - before, `${file} touched the database before refusing`).toBe(0);
    });

    it.each(handlerFiles)("every handler in %s answers with a JSON refusal before doing any work", async (file) => {
      const handlers = await handlersOf(file);
      for (const { method, handler } of handlers) {
        const hasBody = method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
        const request = adminRequest(urlFor(file), { method, body: hasBody ? {} : undefined });
        const before = statementCount();
        const response = await handler(request, { params: Promise.resolve(paramsFor(file)) });
        expect(response.status, `${method} ${file}`).toBe(expectedStatus);
        const body = (await response.json()) as { error?: { code?: string } };
        expect(body.error?.code, `${method} ${file}`).toBe(expectedStatus === 401 ? "unauthorized" : "forbidden");
        expect(statementCount() - before, `${method} ${file} touched the database before refusing`).toBe(0);
      }
    });
  });
});
