// The uploads table's writer: rows for photos whose bytes are already stored.
import type { Tx } from "@/lib/db";
import { uploads } from "@/lib/db/schema";
import type { UploadRow } from "./store-photo";

export async function recordUploads(tx: Tx, rows: (UploadRow & { createdAt?: string })[]): Promise<void> {
  if (rows.length > 0) await tx.insert(uploads).values(rows);
}
