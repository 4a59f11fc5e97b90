// The "not live" refusal: a shop update's variant cannot go into a cart or a checkout before its minute.
import { AppError } from "@/lib/app-error";
import type { GoverningUpdate } from "@/lib/updates/variant-updates";

/**
 * Throws not_live (409, `liveAt` beside the code) for the first governed variant whose update is
 * scheduled or in preview. Checked on the server for every cart write and checkout, so a direct link,
 * a script or a tab opened before the minute gets the same answer as the page.
 */
export function assertUpdatesLive(governing: Iterable<GoverningUpdate | undefined>): void {
  for (const update of governing) {
    if (!update || update.state === "live") continue;
    throw new AppError("not_live", `${update.name} is not live yet: it opens at ${londonTime(update.liveAt)}.`, { liveAt: update.liveAt, updateId: update.updateId }, { fields: { liveAt: update.liveAt } });
  }
}

function londonTime(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}
