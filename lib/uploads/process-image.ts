// Turns an uploaded file into the photo the shop keeps: recognised by its bytes, turned upright,
// at most 2,400 px on its longer side, re-encoded in its own kind with every byte of metadata gone.
import sharp, { type Metadata, type Sharp } from "sharp";
import { AppError } from "@/lib/app-error";
import type { UploadContentType } from "@/lib/db/schema";

export const MAX_PHOTO_SIDE = 2400;
/**
 * A 15 MB PNG can unpack to gigabytes; 50 megapixels is more than any phone or shop camera makes
 * and keeps one decode within a few hundred MB.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

export const ACCEPTED_KINDS_TEXT = "JPEG, PNG, WebP or AVIF";

export type ProcessedImage = { bytes: Buffer; contentType: UploadContentType; width: number; height: number };

const startsWith = (bytes: Buffer, signature: number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString("latin1");

/** The kind the file's first bytes declare, whatever its name or declared type say. */
export function sniffImageKind(bytes: Buffer): UploadContentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "image/webp";
  if (ascii(bytes, 4, 8) === "ftyp") {
    // An ISO-BMFF box: AVIF names itself among the brands (major, then the compatible list).
    const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 64);
    for (let at = 8; at + 4 <= boxSize; at += 4) {
      if (at === 12) continue; // the minor version, not a brand
      if (["avif", "avis"].includes(ascii(bytes, at, at + 4))) return "image/avif";
    }
  }
  return null;
}

/** The format name sharp reports for each kind (AVIF is HEIF with AV1 inside). */
const SHARP_FORMAT: Record<UploadContentType, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp", "image/avif": "heif" };

const notAPhoto = () => new AppError("unsupported_media_type", `That file is not a photo the shop can use. Upload a ${ACCEPTED_KINDS_TEXT} image.`);

/**
 * Kept in its own kind rather than converted: next/image already serves each browser WebP or AVIF
 * from whatever is stored, so converting here would only add a second lossy generation (and turn a
 * crisp PNG of a pattern chart into a blurry one).
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  const kind = sniffImageKind(input);
  if (!kind) throw notAPhoto();
  // failOn "truncated": a cut-off upload is refused, not stored with a grey lower half.
  const options = { failOn: "truncated" as const, limitInputPixels: MAX_INPUT_PIXELS, animated: false };
  let metadata: Metadata;
  try {
    // Only the header is read here; the size is checked before anything is decoded.
    metadata = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw notAPhoto();
  }
  if (metadata.format !== SHARP_FORMAT[kind] || (kind === "image/avif" && metadata.compression !== "av1")) throw notAPhoto();
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) {
    throw new AppError("payload_too_large", `That photo has more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels. Save a smaller copy and upload that.`);
  }
  const pipeline = sharp(input, options)
    .rotate()
    .resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: "inside", withoutEnlargement: true });
  encodeAs(pipeline, kind);
  try {
    // No withMetadata()/keepExif(): sharp writes none of the input's EXIF (GPS, camera serials), XMP or IPTC.
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: kind, width: info.width, height: info.height };
  } catch {
    // A header that reads but a body that does not decode: truncated or corrupt.
    throw notAPhoto();
  }
}

function encodeAs(pipeline: Sharp, kind: UploadContentType): void {
  if (kind === "image/jpeg") pipeline.jpeg({ quality: 85, mozjpeg: true });
  else if (kind === "image/png") pipeline.png({ compressionLevel: 9 });
  else if (kind === "image/webp") pipeline.webp({ quality: 85 });
  else pipeline.avif({ quality: 60 });
}
