import { writeFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { POST } from "@/app/api/admin/uploads/route";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { photo, uploadRequest } from "@/tests/factories/photo";
import { GET } from "./route";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const get = (segments: string[]) => GET(new NextRequest(`http://localhost/uploads/${segments.join("/")}`), { params: Promise.resolve({ key: segments }) });

describe("GET /uploads/<key> – photos kept by the local driver", () => {
  it("serves a stored photo with its type, nosniff and a year-long immutable cache", async () => {
    const response = await POST(uploadRequest(await photo("webp", 30, 20), { name: "a.webp", type: "image/webp" }), { params: Promise.resolve({}) });
    const { url } = (await response.json()) as { url: string };
    const served = await get(url.replace(/^\/uploads\//, "").split("/"));
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 30, height: 20 });
  });

  it("answers 404 for an unknown key and for anything that is not exactly one key, never reading outside the folder", async () => {
    // A file beside the uploads folder that a traversal would reach.
    writeFileSync(path.join(env().DATA_DIR, "secret.jpg"), "not for the web");
    for (const segments of [
      ["AAAAAAAAAAAAAAAAAAAAAA.jpg"],
      ["..", "secret.jpg"],
      ["..%2Fsecret.jpg"],
      ["../secret.jpg"],
      ["dev-secrets.json"],
      ["AAAAAAAAAAAAAAAAAAAAAA.svg"],
      ["sub", "AAAAAAAAAAAAAAAAAAAAAA.jpg"],
    ]) {
      const response = await get(segments);
      expect(response.status, segments.join("/")).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });
});
