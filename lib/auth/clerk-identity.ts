// Where the Clerk provider learns who is signed in: Clerk's auth() in the app, replaceable at this boundary.
import type { CookieReader } from "./identity";

/** Turns the current request into a Clerk user id, or null for a signed-out visitor. */
export type ClerkUserIdSource = (cookie: CookieReader) => Promise<string | null>;

/**
 * Clerk's own answer. Imported lazily so a store without Clerk keys never loads Clerk (it would
 * otherwise try to set up a "keyless" development app over the network). auth() reads what
 * clerkMiddleware verified for this request, so it needs no cookie reader of ours.
 */
const clerkAuthSource: ClerkUserIdSource = async () => {
  const { auth } = await import("@clerk/nextjs/server");
  const { userId } = await auth();
  return userId ?? null;
};

let source: ClerkUserIdSource = clerkAuthSource;

export function currentClerkUserId(cookie: CookieReader): Promise<string | null> {
  return source(cookie);
}

/**
 * Swaps the identity source and returns a function that restores the previous one. Clerk's servers
 * are a process boundary like Stripe's: tests put a Clerk-style identity here instead of a session
 * Clerk would have to verify over the network.
 */
export function replaceClerkUserIdSource(next: ClerkUserIdSource): () => void {
  const previous = source;
  source = next;
  return () => {
    source = previous;
  };
}
