// Test helper: real image files made with sharp, and multipart upload requests carrying them.
import { readdirSync } from "node:fs";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { env } from "@/lib/env";
import { localUploadsDir } from "@/lib/uploads/local-disk-storage";
import { ownerCookie } from "./admin-requests";

type Colour = { r: number; g: number; b: number };

/** A flat image of the given kind and size. */
export async function photo(kind: "jpeg" | "png" | "webp" | "avif", width = 64, height = 48, background: Colour = { r: 120, g: 80, b: 160 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })[kind]().toBuffer();
}

/** The EXIF GPS IFD pointer tag (0x8825), as a little-endian EXIF block spells it. */
export const GPS_IFD_TAG = Buffer.from([0x25, 0x88]);

/** A JPEG as a phone writes it: camera make, a GPS position and an orientation of 6 (turn 90° clockwise). */
export async function phoneJpeg(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 10, g: 140, b: 60 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: "PhoneCam", Model: "Pocket 9" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" } })
    .toBuffer();
}

type UploadOptions = { name?: string; type?: string; cookie?: string | null; headers?: Record<string, string> };

/** POST /api/admin/uploads with one file in the field `file`, signed in as the owner unless told otherwise. */
export function uploadRequest(bytes: Buffer | Uint8Array, { name = "photo.jpg", type = "image/jpeg", cookie = ownerCookie(), headers = {} }: UploadOptions = {}): NextRequest {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name, { type }));
  const allHeaders = new Headers(headers);
  if (cookie) allHeaders.set("cookie", cookie);
  return new NextRequest("http://localhost/api/admin/uploads", { method: "POST", body: form, headers: allHeaders });
}

/** The files the local driver holds right now. */
export function storedFiles(): string[] {
  try {
    return readdirSync(localUploadsDir(env().DATA_DIR)).sort();
  } catch {
    return [];
  }
}
