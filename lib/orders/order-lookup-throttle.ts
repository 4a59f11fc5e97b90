// Limits guessing on the order page's email form: order numbers are sequential, emails are not secret.
import { AttemptThrottle } from "@/lib/http/attempt-throttle";

/**
 * Per client address: ten wrong emails are free (typos happen), then lockouts that double from 30 s.
 * In memory, with the documented limits (per instance, forgotten on restart). A right answer clears
 * the client's count.
 */
export const orderLookupThrottle = new AttemptThrottle({
  freeAttempts: 10,
  baseLockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTrackedClients: 10_000,
});

/**
 * Per order number: rotating addresses does not buy more guesses at one order's email. Three
 * clients' worth, so one guesser's lockout never reaches the buyer asking from elsewhere.
 */
export const orderNumberLookupThrottle = new AttemptThrottle({
  freeAttempts: 30,
  baseLockoutMs: 60_000,
  maxLockoutMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
  maxTrackedClients: 10_000,
});
