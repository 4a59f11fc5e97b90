// The periodic cleanup the cron runs: lapsed stock holds first (shoppers wait on them), the waitlists their stock frees, then photos nobody uses.
import { expireReservations, type ExpiryResult } from "@/lib/checkout/expire-reservations";
import { deleteOrphanUploads, type OrphanCleanupResult } from "@/lib/uploads/delete-orphan-uploads";
import { nowIso } from "@/lib/time";
import { notifyWaitlists } from "@/lib/waitlist/notify-waitlists";

export type CleanupResult = ExpiryResult & OrphanCleanupResult & { waitlistEmailsQueued: number };

/**
 * The waitlist pass runs after the holds go: a released hold, a cancellation's restock or an update
 * that went live since the last pass is stock a waiting knitter can buy now.
 */
export async function runCleanup(now: string = nowIso()): Promise<CleanupResult> {
  const expiry = await expireReservations(now);
  const waitlist = await notifyWaitlists(now);
  const photos = await deleteOrphanUploads(now);
  return { ...expiry, waitlistEmailsQueued: waitlist.queued, ...photos };
}
