// Schedules an outbox drain for after the current response has been sent (Next's after()).
import { after } from "next/server";
import { drainOutbox } from "./drain-outbox";

let running: Promise<void> | null = null;
let isRequestedAgain = false;

/**
 * One drain at a time per process: a request arriving while one runs asks for another pass (its
 * email may have committed after that drain claimed) and waits for it, instead of queuing a claim
 * transaction of its own. Under a burst of orders this turns one drain per order into a few.
 */
function drainCoalesced(): Promise<void> {
  if (running) {
    isRequestedAgain = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        isRequestedAgain = false;
        await drainOutbox();
      } while (isRequestedAgain);
    } catch (error) {
      // The rows stay due (or claimed until the lease ends); the next drain or the cron sends them.
      console.error("[email] drain after response failed", error);
    } finally {
      running = null;
    }
  })();
  return running;
}

/**
 * Call where a request has queued mail: the shopper's or Stripe's response is not held up by the
 * send. Outside a request (a script, a test calling a handler directly) there is no response to
 * wait for and after() refuses; the cron endpoint sends those rows instead.
 */
export function drainAfterResponse(): void {
  try {
    after(drainCoalesced);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes("outside a request scope")) throw error;
  }
}
