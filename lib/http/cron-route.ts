// Route wrapper for scheduled jobs: only a caller presenting `Authorization: Bearer $CRON_SECRET` gets in.
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { AppError } from "./errors";
import { secretsMatch } from "./secrets-match";
import { route, type HandlerArgs } from "./route";

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
export function authorizeCron(request: NextRequest): void {
  const current = env();
  if (current.closedParts.cron || !current.CRON_SECRET) {
    console.error(`[cron] ${request.nextUrl.pathname} refused: CRON_SECRET is not configured.`);
    throw new AppError("unavailable", "Scheduled jobs are not configured on this server.");
  }
  if (!secretsMatch(bearerToken(request), current.CRON_SECRET)) {
    throw new AppError("unauthorized", "A valid cron secret is required (Authorization: Bearer …).");
  }
}

/** Like `route()`, with the cron secret checked before the handler runs. */
export function cronRoute<P = Record<string, string>>(handler: (args: HandlerArgs<P>) => Promise<Response>) {
  return route<P>(async (args) => {
    authorizeCron(args.request);
    return handler(args);
  });
}
