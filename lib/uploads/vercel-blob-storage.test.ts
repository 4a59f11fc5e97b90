import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vercelBlobStorage } from "./vercel-blob-storage";

type Received = { method: string; url: string; headers: IncomingMessage["headers"]; body: Buffer };

const TOKEN = "vercel_blob_rw_teststore123_secretpart";
const received: Received[] = [];
let server: Server;
let previousApiUrl: string | undefined;

/**
 * A stand-in for the Blob API on this machine: the SDK sends every call to VERCEL_BLOB_API_URL when
 * it is set (node_modules/@vercel/blob: getApiUrl), so the driver's real requests are checked here.
 */
beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks) });
      response.setHeader("content-type", "application/json");
      if (request.method === "PUT") {
        const pathname = new URL(request.url!, "http://x").searchParams.get("pathname")!;
        const url = `https://teststore123.public.blob.vercel-storage.com/${pathname}`;
        response.end(JSON.stringify({ url, downloadUrl: `${url}?download=1`, pathname, contentType: request.headers["x-content-type"], contentDisposition: "inline", etag: "e1" }));
      } else {
        response.end("{}");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  previousApiUrl = process.env.VERCEL_BLOB_API_URL;
  process.env.VERCEL_BLOB_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (previousApiUrl === undefined) delete process.env.VERCEL_BLOB_API_URL;
  else process.env.VERCEL_BLOB_API_URL = previousApiUrl;
  await new Promise((resolve) => server.close(resolve));
});

describe("the Vercel Blob storage driver", () => {
  it("puts a public blob at the key's fixed pathname with its type and the token, and answers the blob's URL", async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const { url } = await vercelBlobStorage(TOKEN).put("AbcdefghijklmnopQRST12.png", bytes, "image/png");
    expect(url).toBe("https://teststore123.public.blob.vercel-storage.com/uploads/AbcdefghijklmnopQRST12.png");
    const put = received.at(-1)!;
    expect(put.method).toBe("PUT");
    expect(new URL(put.url, "http://x").searchParams.get("pathname")).toBe("uploads/AbcdefghijklmnopQRST12.png");
    expect(put.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      "x-vercel-blob-access": "public",
      "x-content-type": "image/png",
      "x-add-random-suffix": "0",
    });
    expect(put.body.equals(bytes)).toBe(true);
  });

  it("deletes a blob by its URL", async () => {
    const url = "https://teststore123.public.blob.vercel-storage.com/uploads/AbcdefghijklmnopQRST12.png";
    await vercelBlobStorage(TOKEN).delete("AbcdefghijklmnopQRST12.png", url);
    const deleted = received.at(-1)!;
    expect([deleted.method, deleted.url]).toEqual(["POST", "/delete"]);
    expect(deleted.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(deleted.body.toString("utf8"))).toEqual({ urls: [url] });
  });
});
