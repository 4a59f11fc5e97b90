// Which image addresses point at photos this shop stored (and so must have an uploads row). Pure:
// the admin's editor uses it in the browser too.

/** Where the local driver's photos are served (app/uploads/[...key]). */
export const LOCAL_UPLOADS_PATH = "/uploads";

/** Vercel Blob's public stores, `<store id>.public.blob.vercel-storage.com` (next.config.ts images). */
export const BLOB_HOST_PATTERN = "*.public.blob.vercel-storage.com";
const BLOB_HOST_SUFFIX = BLOB_HOST_PATTERN.slice(1);

export function isStoredUploadUrl(url: string): boolean {
  if (url.startsWith(`${LOCAL_UPLOADS_PATH}/`)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.hostname.endsWith(BLOB_HOST_SUFFIX);
  } catch {
    return false;
  }
}
