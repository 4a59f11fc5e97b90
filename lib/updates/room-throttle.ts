// A budget on joining a waiting room, a public write: one client cannot fill the room with made-up emails and push real knitters back.
import { AttemptThrottle, chargeAttempt } from "@/lib/attempt-throttle";
import { retryLater } from "@/lib/app-error";

/**
 * Per client (the keyed hash of a trusted address): ten joins are free — a household or a café's
 * shared connection, each with their own email — then lockouts doubling from 30 s. In memory and per
 * instance like the other throttles. Skipped when nothing vouches for the address (every visitor
 * would share one budget); a browser that already holds its token is never charged.
 */
export const roomEntryBudgets = {
  perClient: new AttemptThrottle({ freeAttempts: 10, baseLockoutMs: 30_000, maxLockoutMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, maxTrackedClients: 10_000 }),
};

/** Charges the join before anything is awaited (a parallel burst cannot pass one check together); 429 with Retry-After once spent. */
export function chargeRoomEntry(clientKey: string | null, now = Date.now(), limits = roomEntryBudgets): void {
  if (clientKey === null) return;
  const verdict = chargeAttempt([{ throttle: limits.perClient, key: clientKey }], now);
  if (!verdict.allowed) {
    throw retryLater("too_many_requests", "Too many people have joined the waiting room from here. Please wait a little and try again.", verdict.retryAfterSeconds);
  }
}
