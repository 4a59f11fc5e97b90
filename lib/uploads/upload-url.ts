// Which image addresses point at photos this shop stored (and so must have an uploads row).
import { LOCAL_UPLOADS_PATH } from "./local-disk-storage";

const BLOB_HOST_SUFFIX = ".public.blob.vercel-storage.com";

export function isStoredUploadUrl(url: string): boolean {
  if (url.startsWith(`${LOCAL_UPLOADS_PATH}/`)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.hostname.endsWith(BLOB_HOST_SUFFIX);
  } catch {
    return false;
  }
}
