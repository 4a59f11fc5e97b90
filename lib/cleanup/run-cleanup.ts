// The periodic cleanup the cron runs: lapsed stock holds first (shoppers wait on them), then photos nobody uses.
import { expireReservations, type ExpiryResult } from "@/lib/checkout/expire-reservations";
import { deleteOrphanUploads, type OrphanCleanupResult } from "@/lib/uploads/delete-orphan-uploads";
import { nowIso } from "@/lib/time";

export type CleanupResult = ExpiryResult & OrphanCleanupResult;

export async function runCleanup(now: string = nowIso()): Promise<CleanupResult> {
  const expiry = await expireReservations(now);
  const photos = await deleteOrphanUploads(now);
  return { ...expiry, ...photos };
}
