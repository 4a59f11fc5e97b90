// Where uploaded photos' bytes live: one interface, a driver per place (local disk, Vercel Blob),
// chosen by STORAGE_DRIVER. The uploads table remembers each photo's key and public URL.
import { AppError } from "@/lib/app-error";
import { env, type Env } from "@/lib/env";
import { localDiskStorage } from "./local-disk-storage";
import { vercelBlobStorage } from "./vercel-blob-storage";

export type StoredObject = { bytes: Buffer; contentType: string };

export interface UploadStorage {
  readonly driver: Env["STORAGE_DRIVER"];
  /** Stores the bytes under `key` (never overwriting) and answers the URL pages use. */
  put(key: string, bytes: Buffer, contentType: string): Promise<{ url: string }>;
  /** Removes the photo; removing one that is already gone is not an error. */
  delete(key: string, url: string): Promise<void>;
  /** The bytes for the shop's own /uploads route; only drivers that serve through the app have it. */
  read?(key: string): Promise<StoredObject | null>;
}

/**
 * The configured driver, or a 503 `storage_unavailable` naming what is missing, so a deploy on a
 * read-only disk refuses the upload instead of failing halfway through writing it.
 */
export function uploadStorage(config: Env = env()): UploadStorage {
  if (config.uploadStorageProblem) {
    throw new AppError("storage_unavailable", `Photo uploads are switched off on this shop: ${config.uploadStorageProblem}.`);
  }
  return config.STORAGE_DRIVER === "vercel-blob" ? vercelBlobStorage(config.BLOB_READ_WRITE_TOKEN!) : localDiskStorage(config.DATA_DIR);
}
