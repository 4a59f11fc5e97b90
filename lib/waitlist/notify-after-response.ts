// Runs a notify-me pass, and sends what it queued, once the current response has gone.
import { after } from "next/server";
import { drainOutbox } from "@/lib/email-delivery/drain-outbox";
import { notifyWaitlists } from "./notify-waitlists";

/**
 * Call where a request may have made a sold-out colourway buyable (the admin's stock change): the
 * owner's answer is not held up by the pass. Outside a request (a script, a test calling a handler)
 * after() refuses; the cleanup cron's pass finds the same colourways later.
 */
export function notifyWaitlistsAfterResponse(): void {
  try {
    after(async () => {
      try {
        const { queued } = await notifyWaitlists();
        if (queued > 0) await drainOutbox();
      } catch (error) {
        console.error("[waitlist] notify pass after response failed", error);
      }
    });
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes("outside a request scope")) throw error;
  }
}
