// Limits guessing on the order page's email form: order numbers are sequential, emails are not secret.
import { SignInThrottle } from "@/lib/auth/sign-in-throttle";

/**
 * Per client address: ten wrong emails are free (typos happen), then lockouts that double from 30 s.
 * The same in-memory throttle as the owner login, with the same documented limits (per instance,
 * forgotten on restart). A right answer clears the client's count.
 */
export const orderLookupThrottle = new SignInThrottle({
  freeAttempts: 10,
  baseLockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTrackedClients: 10_000,
});
