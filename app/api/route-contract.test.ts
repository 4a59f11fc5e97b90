// Walks every API route file on disk and proves every method answers in the JSON error contract:
// a route added later is covered the moment its file exists.
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { HTTP_METHODS } from "@/lib/http/method-not-allowed";

vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));

const ROOT = process.cwd();

function routeFiles(): string[] {
  return readdirSync(path.join(ROOT, "app/api"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === "route.ts")
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

function paramsFor(file: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const match of file.matchAll(/\[\[?(\.\.\.)?([^\]]+)\]\]?/g)) params[match[2]!] = match[1] ? ["1"] : "1";
  return params;
}

function urlFor(file: string): string {
  return `http://localhost/${path.posix.dirname(file).replace(/^app\//, "").replace(/\[\[?(\.\.\.)?[^\]]+\]\]?/g, "1")}`;
}

type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;

describe("every /api route answers every method with JSON", () => {
  for (const file of routeFiles()) {
    it(`${file}`, async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      vi.spyOn(console, "warn").mockImplementation(() => {});
      const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      for (const method of HTTP_METHODS) {
        const handler = module[method];
        expect(typeof handler, `${file} exports no ${method}: add it to its methodsNotAllowed([...]) line`).toBe("function");
        const request = new NextRequest(urlFor(file), {
          method,
          headers: { "content-type": "application/json" },
          body: method === "GET" ? undefined : "{}",
        });
        const response = await (handler as Handler)(request, { params: Promise.resolve(paramsFor(file)) });
        // 204 No Content (sign-in, sign-out) has no body to be JSON; every other answer is JSON.
        if (response.status !== 204) expect(response.headers.get("content-type") ?? "", `${method} ${file}`).toMatch(/^application\/json/);
        if (response.status === 405) {
          expect(response.headers.get("allow"), `${method} ${file}`).toBeTruthy();
          expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
        }
      }
    });
  }

  it("answers an unknown /api path with a 404 JSON error for every method", async () => {
    const module = (await import("./[[...path]]/route")) as unknown as Record<string, Handler>;
    for (const method of HTTP_METHODS) {
      const response = await module[method]!(new NextRequest("http://localhost/api/nope/nothing", { method }), {
        params: Promise.resolve({ path: ["nope", "nothing"] }),
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });
});
