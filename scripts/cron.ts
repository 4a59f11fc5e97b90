// npm run cron – calls every scheduled endpoint listed in vercel.json on a running server, as Vercel cron would.
import { readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

type VercelConfig = { crons?: { path: string; schedule: string }[] };

/** vercel.json is the one list of scheduled jobs: local runs and Vercel call the same endpoints. */
function scheduledPaths(): string[] {
  const config = JSON.parse(readFileSync(path.resolve(process.cwd(), "vercel.json"), "utf8")) as VercelConfig;
  return (config.crons ?? []).map((cron) => cron.path);
}

async function callJob(origin: string, jobPath: string, secret: string): Promise<boolean> {
  const url = new URL(jobPath, origin);
  const startedAt = Date.now();
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` } });
    const body = await response.text();
    console.log(`${response.ok ? "ok  " : "FAIL"} ${response.status} ${jobPath} (${Date.now() - startedAt} ms) ${body}`);
    return response.ok;
  } catch (error) {
    console.log(`FAIL ${jobPath}: ${(error as Error).message} – is the server running at ${origin}?`);
    return false;
  }
}

async function main(): Promise<void> {
  const { APP_URL, CRON_SECRET } = env();
  if (!CRON_SECRET) {
    console.error("CRON_SECRET is not set: the cron endpoints will refuse every call.");
    process.exit(1);
  }
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const paths = scheduledPaths().filter((jobPath) => only.length === 0 || only.some((name) => jobPath.includes(name)));
  if (paths.length === 0) {
    console.error("No scheduled jobs match (see the crons list in vercel.json).");
    process.exit(1);
  }
  const results = [];
  for (const jobPath of paths) results.push(await callJob(APP_URL, jobPath, CRON_SECRET));
  if (results.some((ok) => !ok)) process.exit(1);
}

await main();
