// When a failed send is tried again: exponential backoff with jitter, capped, and a limit on attempts.

/** After this many attempts a send that keeps failing for a retryable reason is given up (`failed`). */
export const MAX_EMAIL_ATTEMPTS = 8;

const BASE_DELAY_MS = 60_000;
const MAX_DELAY_MS = 2 * 60 * 60 * 1000;

/**
 * The wait after the `attempts`-th failed attempt: 1, 2, 4 … minutes, at most two hours, then
 * scaled by a random factor in [0.5, 1) so that mail queued together (a provider outage) does not
 * all come back in the same second. The seven waits before the last attempt add up to one to two hours.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}
