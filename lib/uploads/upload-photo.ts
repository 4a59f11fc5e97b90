// The owner's photo upload: wait for a slot, read the file, make it a clean photo, store the bytes,
// then record the row (and its audit entry). Nothing is kept from a refused or failed upload.
import { writeTransaction } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UploadedFile } from "@/lib/http/uploaded-file-reader";
import { processImage } from "./process-image";
import { recordUploads } from "./record-uploads";
import { uploadStorage } from "./storage";
import { storePhoto } from "./store-photo";
import { withUploadSlot } from "./upload-slots";

/** The largest file the owner may upload: a full-size phone photo fits with room to spare. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

export type UploadView = { id: string; url: string; width: number; height: number; contentType: string; bytes: number };

export async function uploadPhoto(readFile: () => Promise<UploadedFile>, actor: string): Promise<UploadView> {
  // Refused before a byte is read when the shop has nowhere to keep it.
  const storage = uploadStorage();
  return withUploadSlot(async () => {
    const file = await readFile();
    const image = await processImage(file.bytes);
    // Stored first and recorded after, so the transaction does no network or disk I/O; a row that
    // cannot be written takes its bytes with it.
    const row = await storePhoto(storage, image);
    try {
      await writeTransaction(async (tx) => {
        await recordUploads(tx, [row]);
        await recordAudit(tx, {
          actor,
          action: "upload.created",
          entityType: "upload",
          entityId: row.id,
          data: { url: row.url, contentType: row.contentType, width: row.width, height: row.height, bytes: row.bytes, originalName: file.name.slice(0, 200) },
        });
      });
    } catch (error) {
      await storage.delete(row.storageKey, row.url).catch((cleanupError: unknown) => console.error("[uploads] could not remove the bytes of an unrecorded upload", row.url, cleanupError));
      throw error;
    }
    return { id: row.id, url: row.url, width: row.width, height: row.height, contentType: row.contentType, bytes: row.bytes };
  });
}
