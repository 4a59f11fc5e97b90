// Budgets on waitlist sign-ups, a public write: one client cannot fill the table, nor sign one address up everywhere.
import { AttemptThrottle, chargeAttempt, type AttemptBudget } from "@/lib/attempt-throttle";
import { retryLater } from "@/lib/app-error";
import { UNATTRIBUTED_CLIENT } from "@/lib/http/client-address";

/**
 * Every sign-up is charged (a write, not a guess: success clears nothing), in memory and per
 * instance like the other throttles.
 * - per client address: ten sign-ups are free (a knitter signing up for a few colourways), then
 *   lockouts doubling from 30 s. Skipped when nothing vouches for the address: every visitor would share it.
 * - per email address: twenty a day, so nobody can sign someone else's address up for the whole shop.
 * No shop-wide budget: at a sold-out drop hundreds of real knitters sign up in minutes.
 */
export const waitlistSignUpBudgets = {
  perClient: new AttemptThrottle({ freeAttempts: 10, baseLockoutMs: 30_000, maxLockoutMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, maxTrackedClients: 10_000 }),
  perEmail: new AttemptThrottle({ freeAttempts: 20, baseLockoutMs: 60 * 60_000, maxLockoutMs: 24 * 60 * 60_000, forgetAfterMs: 24 * 60 * 60_000, maxTrackedClients: 10_000 }),
};

/** Charges the attempt before any read is awaited (a parallel burst cannot pass one check together); 429 with Retry-After once spent. */
export function chargeWaitlistSignUp(params: { client: string; email: string }, now = Date.now(), limits = waitlistSignUpBudgets): void {
  const budgets: AttemptBudget[] = [{ throttle: limits.perEmail, key: params.email }];
  if (params.client !== UNATTRIBUTED_CLIENT) budgets.push({ throttle: limits.perClient, key: params.client });
  const verdict = chargeAttempt(budgets, now);
  if (!verdict.allowed) {
    throw retryLater("too_many_requests", "Too many sign-ups from here. Please wait a little and try again.", verdict.retryAfterSeconds);
  }
}
