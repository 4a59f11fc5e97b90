// Puts a processed photo's bytes into storage and answers the uploads row that will describe it.
import type { uploads } from "@/lib/db/schema";
import type { ProcessedImage } from "./process-image";
import type { UploadStorage } from "./storage";
import { newUploadId, uploadKeyOf } from "./upload-key";

export type UploadRow = Omit<typeof uploads.$inferInsert, "createdAt">;

export async function storePhoto(storage: UploadStorage, image: ProcessedImage): Promise<UploadRow> {
  const id = newUploadId();
  const storageKey = uploadKeyOf(id, image.contentType);
  const { url } = await storage.put(storageKey, image.bytes, image.contentType);
  return { id, storageKey, url, contentType: image.contentType, width: image.width, height: image.height, bytes: image.bytes.byteLength };
}
