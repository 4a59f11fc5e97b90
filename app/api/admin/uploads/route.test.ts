import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { auditLog, uploads } from "@/lib/db/schema";
import { env, resetEnvForTests } from "@/lib/env";
import { bootConfigurationWarning } from "@/lib/auth/boot-warning";
import { localUploadsDir } from "@/lib/uploads/local-disk-storage";
import { PRODUCTION_BASE, restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { GPS_IFD_TAG, phoneJpeg, photo, storedFiles, uploadRequest } from "@/tests/factories/photo";
import { POST } from "./route";

type Uploaded = { id: string; url: string; width: number; height: number; contentType: string; bytes: number };
type ErrorJson = { error: { code: string; message: string } };

let phone: Buffer;
beforeAll(async () => {
  useOwnerLogin();
  phone = await phoneJpeg();
});
afterAll(() => restoreAdminEnv());

const noParams = { params: Promise.resolve({}) };
const upload = (request: NextRequest) => POST(request, noParams);

async function uploaded(response: Response): Promise<{ body: Uploaded; stored: Buffer }> {
  expect(response.status).toBe(201);
  const body = (await response.json()) as Uploaded;
  const key = body.url.replace(/^\/uploads\//, "");
  return { body, stored: readFileSync(path.join(localUploadsDir(env().DATA_DIR), key)) };
}

const uploadRows = () => withFreshClient((read) => read.select().from(uploads));

/** Nothing of a refused upload is kept: the same rows and files as before it. */
async function expectNothingStoredBy(refusal: () => Promise<Response>, status: number): Promise<ErrorJson> {
  const [rowsBefore, filesBefore] = [await uploadRows(), storedFiles()];
  const response = await refusal();
  expect(response.status).toBe(status);
  expect(await uploadRows()).toEqual(rowsBefore);
  expect(storedFiles()).toEqual(filesBefore);
  return (await response.json()) as ErrorJson;
}

describe("POST /api/admin/uploads – a photo the owner uploads", () => {
  it("stores a phone JPEG upright, without its EXIF (no GPS, no camera), records the row and the audit entry", async () => {
    const original = await phoneJpeg(300, 200);
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes(GPS_IFD_TAG)).toBe(true);

    const { body, stored } = await uploaded(await upload(uploadRequest(original, { name: "IMG_0001.JPG" })));
    // Orientation 6 is a quarter turn: the stored photo is upright, 200 wide and 300 tall.
    expect(body).toMatchObject({ contentType: "image/jpeg", width: 200, height: 300, bytes: stored.byteLength });
    expect(body.url).toMatch(/^\/uploads\/[\w-]+\.jpg$/);
    const after = await sharp(stored).metadata();
    expect([after.format, after.width, after.height]).toEqual(["jpeg", 200, 300]);
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(stored.includes(Buffer.from("PhoneCam"))).toBe(false);

    const [row] = await withFreshClient((read) => read.select().from(uploads).where(eq(uploads.id, body.id)));
    expect(row).toMatchObject({ url: body.url, contentType: "image/jpeg", width: 200, height: 300, bytes: stored.byteLength });
    const audit = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.entityId, body.id)));
    expect(audit).toEqual([expect.objectContaining({ action: "upload.created", actor: "admin:owner (owner@localhost)", entityType: "upload" })]);
  });

  it("scales a photo larger than 2,400 px down to 2,400 on its longer side, and never enlarges a small one", async () => {
    const large = await uploaded(await upload(uploadRequest(await photo("png", 3000, 1500), { name: "wide.png", type: "image/png" })));
    expect(large.body).toMatchObject({ contentType: "image/png", width: 2400, height: 1200 });
    expect(await sharp(large.stored).metadata()).toMatchObject({ format: "png", width: 2400, height: 1200 });
    const small = await uploaded(await upload(uploadRequest(await photo("webp", 40, 30), { name: "small.webp", type: "image/webp" })));
    expect(small.body).toMatchObject({ contentType: "image/webp", width: 40, height: 30 });
  });

  it("decides the kind by the bytes: a PNG named .jpg is stored as the PNG it is; AVIF is accepted", async () => {
    const png = await uploaded(await upload(uploadRequest(await photo("png"), { name: "holiday.jpg", type: "image/jpeg" })));
    expect(png.body.contentType).toBe("image/png");
    expect(png.body.url).toMatch(/\.png$/);
    const avif = await uploaded(await upload(uploadRequest(await photo("avif"), { name: "skein.avif", type: "image/avif" })));
    expect(avif.body).toMatchObject({ contentType: "image/avif", width: 64, height: 48 });
    expect((await sharp(avif.stored).metadata()).compression).toBe("av1");
  });

  it.each([
    ["HTML named .jpg", async () => Buffer.from("<!doctype html><script>alert(document.cookie)</script>"), "photo.jpg", "image/jpeg"],
    ["an SVG", async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), "logo.svg", "image/svg+xml"],
    ["an SVG named .png", async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), "logo.png", "image/png"],
    ["a PDF", async () => Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"), "invoice.pdf", "application/pdf"],
    ["a truncated JPEG", async () => (await photo("jpeg", 400, 300)).subarray(0, 600), "cut.jpg", "image/jpeg"],
    ["a GIF", async () => Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64"), "dot.gif", "image/gif"],
    ["JPEG magic followed by garbage", async () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]), "fake.jpg", "image/jpeg"],
  ])("refuses %s with 415 naming the accepted kinds, storing nothing", async (_name, bytes, name, type) => {
    const content = await bytes();
    const body = await expectNothingStoredBy(() => upload(uploadRequest(content, { name, type })), 415);
    expect(body.error.code).toBe("unsupported_media_type");
    expect(body.error.message).toContain("JPEG, PNG, WebP or AVIF");
  });

  it("refuses a 16 MB file with 413 before reading it (declared length) and while streaming it (no length), storing nothing", async () => {
    const big = Buffer.alloc(16 * 1024 * 1024, 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const declared = await expectNothingStoredBy(() => upload(uploadRequest(big, { headers: { "content-length": String(big.byteLength + 200) } })), 413);
    expect(declared.error.code).toBe("payload_too_large");
    expect(declared.error.message).toContain("15 MB");

    // A body that declares nothing is counted as it arrives and cut off past the limit.
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 40 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = new NextRequest("http://localhost/api/admin/uploads", {
      method: "POST",
      body: endless,
      headers: { cookie: ownerCookie(), "content-type": "multipart/form-data; boundary=x" },
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);
    await expectNothingStoredBy(() => upload(streamed), 413);
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });

  it("refuses a request that is not multipart, or has no file field, with a clear error", async () => {
    const json = new NextRequest("http://localhost/api/admin/uploads", { method: "POST", body: "{}", headers: { cookie: ownerCookie(), "content-type": "application/json" } });
    expect((await upload(json)).status).toBe(415);
    const form = new FormData();
    form.append("picture", new File([new Uint8Array(await photo("png"))], "a.png"));
    const wrongField = new NextRequest("http://localhost/api/admin/uploads", { method: "POST", body: form, headers: { cookie: ownerCookie() } });
    const response = await upload(wrongField);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorJson).error.message).toContain('"file"');
  });

  it("answers 401 to a visitor who is not signed in and 403 to a cross-site post, storing nothing", async () => {
    const png = await photo("png");
    expect((await expectNothingStoredBy(() => upload(uploadRequest(png, { cookie: null })), 401)).error.code).toBe("unauthorized");
    const crossSite = await expectNothingStoredBy(() => upload(uploadRequest(png, { headers: { origin: "https://evil.example" } })), 403);
    expect(crossSite.error.code).toBe("forbidden");
  });

  it("takes the stored bytes back when the row cannot be written", async () => {
    await writeTransaction((tx) => tx.run(sql`CREATE TRIGGER refuse_uploads BEFORE INSERT ON uploads BEGIN SELECT RAISE(ABORT, 'injected'); END`));
    try {
      await expectNothingStoredBy(() => upload(uploadRequest(phone)), 500);
    } finally {
      await writeTransaction((tx) => tx.run(sql`DROP TRIGGER refuse_uploads`));
    }
  });
});

describe("POST /api/admin/uploads – without usable storage", () => {
  afterEach(() => {
    delete process.env.STORAGE_DRIVER;
    delete process.env.VERCEL;
    useOwnerLogin();
  });

  it("refuses with 503 storage_unavailable when the blob driver has no token, storing nothing", async () => {
    process.env.STORAGE_DRIVER = "vercel-blob";
    resetEnvForTests();
    const body = await expectNothingStoredBy(() => upload(uploadRequest(phone)), 503);
    expect(body.error.code).toBe("storage_unavailable");
    expect(body.error.message).toContain("BLOB_READ_WRITE_TOKEN");
  });

  it("refuses with 503 on Vercel in production with the local driver (a read-only disk), and says so at boot", async () => {
    useOwnerLogin({ ...PRODUCTION_BASE, ADMIN_PASSWORD: "a long production password", SESSION_SECRET: "s".repeat(40) });
    process.env.VERCEL = "1";
    resetEnvForTests();
    expect(bootConfigurationWarning()).toContain("PHOTO UPLOADS CLOSED: STORAGE_DRIVER=local cannot write on Vercel's read-only disk");
    const request = uploadRequest(phone, { headers: { origin: "https://shop.example.com" } });
    const body = await expectNothingStoredBy(() => upload(new NextRequest(request.url.replace("http://localhost", "https://shop.example.com"), request)), 503);
    expect(body.error.code).toBe("storage_unavailable");
  });
});
