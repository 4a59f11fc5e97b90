// The admin side of the benches: sign in, time the order list and the CSV export, sample a server's memory.
import { readFileSync } from "node:fs";

const DAY_MS = 86_400_000;

function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory of the server and any processes it started, sampled until stopped. */
export function memorySampler(pid: number) {
  let peak = 0;
  const tree = () => {
    const pids = [pid];
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) pids.push(Number(child));
    } catch {
      /* no children file: the server is a single process */
    }
    return pids.reduce((sum, each) => sum + rssKb(each), 0);
  };
  const timer = setInterval(() => (peak = Math.max(peak, tree())), 25);
  return {
    reset: () => (peak = tree()),
    peakMb: () => Math.round(Math.max(peak, tree()) / 1024),
    stop: () => clearInterval(timer),
  };
}

export async function signIn(origin: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ password }),
  });
  if (response.status !== 204) throw new Error(`Sign-in failed with ${response.status}`);
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function timeList(origin: string, cookie: string, query: string, runs = 15): Promise<{ p50: number; max: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < runs; run += 1) {
    const startedAt = performance.now();
    const response = await fetch(`${origin}/api/admin/orders${query}`, { headers: { cookie } });
    const body = (await response.json()) as { rows?: unknown[] };
    if (!response.ok) throw new Error(`GET /api/admin/orders${query} answered ${response.status}`);
    times.push(performance.now() - startedAt);
    rows = body.rows?.length ?? 0;
  }
  return { p50: median(times), max: Math.max(...times), rows };
}

export async function timeExport(origin: string, cookie: string): Promise<{ firstByteMs: number; totalMs: number; bytes: number; lines: number }> {
  const to = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
  const startedAt = performance.now();
  const response = await fetch(`${origin}/api/admin/orders/export?from=2000-01-01&to=${to}`, { headers: { cookie } });
  if (!response.ok || !response.body) throw new Error(`The export answered ${response.status}`);
  let firstByteMs = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (bytes === 0) firstByteMs = performance.now() - startedAt;
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines += 1;
  }
  return { firstByteMs, totalMs: performance.now() - startedAt, bytes, lines };
}

