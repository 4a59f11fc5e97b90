// Which image addresses point at photos this shop stored (and so must have an uploads row). Pure:
// the admin's editor uses it in the browser too.

/** Where the local driver's photos are served (app/uploads/[...key]). */
export const LOCAL_UPLOADS_PATH = "/uploads";

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
