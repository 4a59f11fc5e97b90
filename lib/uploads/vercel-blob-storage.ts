// The Vercel Blob storage driver: public blobs at fixed pathnames, served by Vercel's CDN.
import "server-only";
import { del, put } from "@vercel/blob";
import type { UploadStorage } from "./storage";

/** The folder of the store's blobs, so they are easy to tell apart in the dashboard. */
const BLOB_FOLDER = "uploads";

export function vercelBlobStorage(token: string): UploadStorage {
  return {
    driver: "vercel-blob",
    async put(key, bytes, contentType) {
      // The key is already random: a fixed pathname keeps the URL the row records the one that works.
      const blob = await put(`${BLOB_FOLDER}/${key}`, bytes, { access: "public", token, contentType, addRandomSuffix: false, cacheControlMaxAge: 31_536_000 });
      return { url: blob.url };
    },
    async delete(_key, url) {
      await del(url, { token });
    },
  };
}
