// The demo's photos: each colourway's swatch (public/images/yarn/<colour>.svg) rasterised to WebP
// and stored through the shop's own photo storage, so a demo shop shows and serves real uploads.
import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { env } from "@/lib/env";
import { uploadStorage } from "@/lib/uploads/storage";
import { storePhoto, type UploadRow } from "@/lib/uploads/store-photo";

const SWATCH_SIZE = 800;

export type DemoPhotos = {
  /** The address a colourway's photo is shown at. */
  urlOf: (colour: string) => string;
  /** The uploads rows to record with the catalog (none when storage is unavailable). */
  rows: (UploadRow & { createdAt: string })[];
  /** Takes the stored bytes back when the seed that stored them does not commit. */
  discard: () => Promise<void>;
};

const svgPathOf = (colour: string) => `/images/yarn/${colour}.svg`;

/**
 * Stored before the seed's transaction opens (no I/O inside it). Where the shop has no usable
 * storage (a read-only deploy) the demo keeps the SVG swatches themselves.
 */
export async function storeDemoPhotos(colours: Iterable<string>, createdAt: string): Promise<DemoPhotos> {
  if (env().uploadStorageProblem) return { urlOf: svgPathOf, rows: [], discard: async () => undefined };
  const storage = uploadStorage();
  const stored = new Map<string, UploadRow>();
  try {
    for (const colour of new Set(colours)) {
      const svg = await readFile(path.join(process.cwd(), "public", svgPathOf(colour)));
      const { data, info } = await sharp(svg, { density: 144 }).resize(SWATCH_SIZE, SWATCH_SIZE).webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
      stored.set(colour, await storePhoto(storage, { bytes: data, contentType: "image/webp", width: info.width, height: info.height }));
    }
  } catch (error) {
    await discardAll(storage, [...stored.values()]);
    throw error;
  }
  return {
    urlOf: (colour) => stored.get(colour)?.url ?? svgPathOf(colour),
    rows: [...stored.values()].map((row) => ({ ...row, createdAt })),
    discard: () => discardAll(storage, [...stored.values()]),
  };
}

async function discardAll(storage: ReturnType<typeof uploadStorage>, rows: UploadRow[]): Promise<void> {
  await Promise.all(rows.map((row) => storage.delete(row.storageKey, row.url).catch(() => undefined)));
}
