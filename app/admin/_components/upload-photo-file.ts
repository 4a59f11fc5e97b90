// Browser side of POST /api/admin/uploads: one file, sent with XMLHttpRequest because fetch cannot
// report upload progress.

export type UploadedPhoto = { id: string; url: string; width: number; height: number; contentType: string; bytes: number };
export type PhotoUploadResult = { ok: true; photo: UploadedPhoto } | { ok: false; message: string };

/** What the file picker offers; the server decides by the bytes whatever the picker lets through. */
export const PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/avif";
export const MAX_PHOTO_MEGABYTES = 15;

const FALLBACK = "The photo could not be uploaded. Please try again.";

/** `onProgress` gets 0–100 as the bytes leave the browser. */
export function uploadPhotoFile(file: File, onProgress: (percent: number) => void): Promise<PhotoUploadResult> {
  // Refused here without sending 15 MB to hear the same answer back.
  if (file.size > MAX_PHOTO_MEGABYTES * 1024 * 1024) {
    return Promise.resolve({ ok: false, message: `${file.name} is larger than ${MAX_PHOTO_MEGABYTES} MB. Save a smaller copy and upload that.` });
  }
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/admin/uploads");
    request.responseType = "json";
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener("load", () => {
      const payload = request.response as (UploadedPhoto & { error?: { message?: string } }) | null;
      if (request.status === 201 && payload?.url) resolve({ ok: true, photo: payload });
      else resolve({ ok: false, message: payload?.error?.message ?? FALLBACK });
    });
    request.addEventListener("error", () => resolve({ ok: false, message: "We could not reach the shop. Check your connection and try again." }));
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}
