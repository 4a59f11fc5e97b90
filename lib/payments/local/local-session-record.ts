// The local provider's memory of the sessions its page finished: what it answers when asked about one.
import type { CheckoutSessionObject } from "./build-checkout-session-event";

/** A dev server's worth of payments; the oldest are forgotten first. */
const MAX_REMEMBERED_SESSIONS = 1000;

/**
 * On globalThis rather than in the module: Next may load this module once for the server action
 * that pays and again for the route that asks, and both must see one record. A restart forgets it,
 * which leaves the session "open" as far as the local provider knows: the success page then waits,
 * as it would for a Stripe it cannot reach.
 */
const holder = globalThis as typeof globalThis & { localPaymentSessions?: Map<string, CheckoutSessionObject> };

function sessions(): Map<string, CheckoutSessionObject> {
  holder.localPaymentSessions ??= new Map();
  return holder.localPaymentSessions;
}

export function rememberLocalSession(session: CheckoutSessionObject): void {
  const remembered = sessions();
  remembered.delete(session.id);
  remembered.set(session.id, session);
  while (remembered.size > MAX_REMEMBERED_SESSIONS) {
    const oldest = remembered.keys().next();
    if (oldest.done) return;
    remembered.delete(oldest.value);
  }
}

export function recallLocalSession(sessionId: string): CheckoutSessionObject | null {
  return sessions().get(sessionId) ?? null;
}
