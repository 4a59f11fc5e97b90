// Cleanup of photos nobody uses: uploaded (or left behind by an edit) over a day ago and named by no
// product image, no collection and no setting (the emails' logo).
import { and, eq, inArray, lt, notExists, sql } from "drizzle-orm";
import { db, writeTransaction } from "@/lib/db";
import { collections, productImages, siteSettings, uploads } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { isoAfter, nowIso } from "@/lib/time";
import { uploadStorage } from "./storage";

/** An upload gets a day to be saved onto a product: the editor uploads before the owner presses Save. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

export type OrphanCleanupResult = { uploadsDeleted: number };

/**
 * The row goes first, in a write transaction that re-checks nobody refers to it: writes are
 * serialised, and a product, collection or logo save checks the upload's row still exists in its
 * own transaction (assert-uploads-stored.ts), so a photo is either kept or refused to the editor, never
 * shown broken. The bytes go after the commit; if that fails they are only wasted space.
 */
export async function deleteOrphanUploads(now: string = nowIso()): Promise<OrphanCleanupResult> {
  // Without a usable driver the bytes could not be removed: leave rows and bytes together.
  if (env().uploadStorageProblem) return { uploadsDeleted: 0 };
  const storage = uploadStorage();
  const cutoff = isoAfter(-ORPHAN_GRACE_MS, new Date(now));
  const reader = await db();
  const unused = and(
    lt(uploads.createdAt, cutoff),
    notExists(reader.select({ id: productImages.id }).from(productImages).where(eq(productImages.url, uploads.url))),
    notExists(reader.select({ id: collections.id }).from(collections).where(eq(collections.imageUrl, uploads.url))),
    // Any setting whose value is the photo's address (the logo for emails today), so a future one is kept too.
    notExists(
      reader
        .select({ key: siteSettings.key })
        .from(siteSettings)
        .where(sql`json_type(${siteSettings.value}) = 'text' and json_extract(${siteSettings.value}, '$') = ${uploads.url}`),
    ),
  );
  let deleted = 0;
  for (;;) {
    const removed = await writeTransaction(async (tx) => {
      const batch = tx.select({ id: uploads.id }).from(uploads).where(unused).limit(BATCH);
      return tx.delete(uploads).where(and(inArray(uploads.id, batch), unused)).returning({ storageKey: uploads.storageKey, url: uploads.url });
    });
    for (const upload of removed) {
      await storage.delete(upload.storageKey, upload.url).catch((error: unknown) => console.error("[uploads] could not remove the bytes of a deleted upload", upload.url, error));
    }
    deleted += removed.length;
    if (removed.length < BATCH) return { uploadsDeleted: deleted };
  }
}
