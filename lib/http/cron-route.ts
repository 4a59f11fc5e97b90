// Route wrapper for scheduled jobs: only a caller presenting `Authorization: Bearer $CRON_SECRET` gets in.
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { AttemptThrottle, checkBudgets, recordFailures, type AttemptBudget } from "@/lib/attempt-throttle";
import { clientAddress, UNATTRIBUTED_CLIENT } from "./client-address";
import { AppError, retryLater } from "@/lib/app-error";
import { secretsMatch } from "@/lib/secrets-match";
import { route, type HandlerArgs } from "./route";

/** Per client address: five wrong bearers, then lockouts doubling from 30 s to 15 minutes. */
export const cronAuthThrottle = new AttemptThrottle();

/**
 * Every wrong bearer from anywhere, under one key, so rotating addresses gain nothing. It can also
 * hold the real scheduler back for up to 15 minutes; that costs nothing that matters, because both
 * jobs are catch-up sweeps: availability already ignores lapsed holds, and email also goes out after
 * the response that queued it. Clients nothing vouches for (no TRUSTED_PROXY) count only here: a
 * shared "unattributed" key with the per-client budget would let five strangers' guesses stop cron.
 */
export const cronAuthGlobalThrottle = new AttemptThrottle({
  freeAttempts: 20,
  baseLockoutMs: 60_000,
  maxLockoutMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTrackedClients: 1,
});
const GLOBAL_KEY = "all";

function bearerToken(request: NextRequest): string {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1] ?? "";
}

/**
 * Without a configured secret the endpoints stay closed (503, logged loudly): production must not
 * run jobs for anyone who asks. In development `lib/env.ts` generates the secret, so this only
 * bites a deploy that forgot CRON_SECRET.
 */
export function authorizeCron(request: NextRequest, now = Date.now()): void {
  const current = env();
  if (current.closedParts.cron || !current.CRON_SECRET) {
    console.error(`[cron] ${request.nextUrl.pathname} refused: CRON_SECRET is not configured.`);
    throw new AppError("unavailable", "Scheduled jobs are not configured on this server.");
  }
  const client = clientAddress(request.headers);
  const budgets: AttemptBudget[] = [{ throttle: cronAuthGlobalThrottle, key: GLOBAL_KEY }];
  if (client !== UNATTRIBUTED_CLIENT) budgets.push({ throttle: cronAuthThrottle, key: client });
  // A locked-out caller is refused before its bearer is looked at. Check, compare and record run
  // with no await between them, so a parallel burst cannot all pass one check.
  const verdict = checkBudgets(budgets, now);
  if (!verdict.allowed) throw tooManyWrongSecrets(verdict.retryAfterSeconds);
  const presented = bearerToken(request);
  if (!secretsMatch(presented, current.CRON_SECRET)) {
    // A request with no bearer at all (a crawler, a health probe) guesses nothing: it is refused
    // without spending anyone's budget, so stray traffic cannot pause the jobs.
    if (presented === "") throw new AppError("unauthorized", "A valid cron secret is required (Authorization: Bearer …).");
    const after = recordFailures(budgets, now);
    console.warn(`[cron] ${request.nextUrl.pathname} refused a wrong bearer from ${client}`);
    if (!after.allowed) throw tooManyWrongSecrets(after.retryAfterSeconds);
    throw new AppError("unauthorized", "A valid cron secret is required (Authorization: Bearer …).");
  }
  if (client !== UNATTRIBUTED_CLIENT) cronAuthThrottle.recordSuccess(client);
}

function tooManyWrongSecrets(retryAfterSeconds: number): AppError {
  return retryLater("too_many_requests", "Too many wrong cron secrets. Try again later.", retryAfterSeconds);
}

/** Like `route()`, with the cron secret checked before the handler runs. */
export function cronRoute<P = Record<string, string>>(handler: (args: HandlerArgs<P>) => Promise<Response>) {
  return route<P>(async (args) => {
    authorizeCron(args.request);
    return handler(args);
  });
}
