// The bytes behind a /uploads/<key> address, when this shop keeps its photos on local disk.
import { env } from "@/lib/env";
import { localDiskStorage } from "./local-disk-storage";
import type { StoredObject } from "./storage";
import { isUploadKey } from "./upload-key";

/**
 * Only one path segment that is exactly an upload key is looked up: `..`, encoded slashes and
 * anything else are unknown, so nothing outside DATA_DIR/uploads can be named. Files stay readable
 * after a switch to Vercel Blob, so photos uploaded before it keep working.
 */
export async function readLocalUpload(segments: readonly string[]): Promise<StoredObject | null> {
  if (segments.length !== 1 || !isUploadKey(segments[0]!)) return null;
  return localDiskStorage(env().DATA_DIR).read(segments[0]!);
}
