// The check every save of a photo address makes (a product's photos, a collection's): an address of
// one of our own uploads must still have its uploads row, or the save is refused on that field.
import { inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { uploads } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { isStoredUploadUrl } from "./upload-url";

const UPLOAD_GONE_MESSAGE = "This photo is no longer stored. Remove it and upload it again.";

/** A photo address as a form sends it, with the field it came from (`images.2.url`, `imageUrl`). */
export type PhotoField = { path: string; url: string | null };

/**
 * The cleanup cron (delete-orphan-uploads.ts) removes an upload nothing used for a day, and writes
 * are serialised: checking the row inside the saving transaction means a photo is either kept (the
 * cron then sees it used) or refused here, never saved as a broken image. Addresses elsewhere
 * (another https host, the shop's own /images) are not ours to check.
 */
export async function assertUploadsStored(tx: Tx, photos: readonly PhotoField[]): Promise<void> {
  const ours = photos.filter((photo): photo is { path: string; url: string } => photo.url !== null && isStoredUploadUrl(photo.url));
  if (ours.length === 0) return;
  const wanted = [...new Set(ours.map((photo) => photo.url))];
  const found = new Set((await tx.select({ url: uploads.url }).from(uploads).where(inArray(uploads.url, wanted))).map((row) => row.url));
  const errors = ours.filter((photo) => !found.has(photo.url)).map((photo) => ({ path: photo.path, message: UPLOAD_GONE_MESSAGE }));
  if (errors.length > 0) throw new AppError("bad_request", UPLOAD_GONE_MESSAGE, errors);
}
