// Schedules an outbox drain for after the current response has been sent (Next's after()).
import { after } from "next/server";
import { drainOutbox } from "./drain-outbox";

/**
 * Call where a request has queued mail: the shopper's or Stripe's response is not held up by the
 * send. Outside a request (a script, a test calling a handler directly) there is no response to
 * wait for and after() refuses; the cron endpoint sends those rows instead.
 */
export function drainAfterResponse(): void {
  try {
    after(async () => {
      try {
        await drainOutbox();
      } catch (error) {
        // The rows stay due (or claimed until the lease ends); the next drain or the cron sends them.
        console.error("[email] drain after response failed", error);
      }
    });
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes("outside a request scope")) throw error;
  }
}
