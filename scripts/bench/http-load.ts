// Load generation for the benches: timed requests, closed-loop levels, queues, percentiles and tables.

export type Sample = {
  ms: number;
  status: number;
  /** From x-db-round-trips / x-db-statements, when the server exposes them (BENCH_EXPOSE_ROUND_TRIPS=1). */
  roundTrips?: number;
  statements?: number;
  /** From x-order-fallbacks: paid-order batches a named guard refused during this request. */
  orderFallbacks?: number;
};

export type LevelResult = {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  statuses: Record<number, number>;
  /** Mean over the successful requests that carried the header; null when none did. */
  roundTripsPerRequest: number | null;
  statementsPerRequest: number | null;
  /** Paid orders written again under the lock because a guard refused their batch (x-order-fallbacks), over the level. */
  orderFallbacks: number;
};

/** A hard stop per worker and level, whatever the duration says: the loop is always bounded. */
const MAX_REQUESTS_PER_WORKER = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function headerNumber(response: Response, name: string): number | undefined {
  const value = response.headers.get(name);
  return value === null ? undefined : Number(value);
}

/** One request, read to the end (the whole answer counts, not just its headers). */
export async function timed(url: string, init: RequestInit = {}): Promise<Sample> {
  const startedAt = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await response.arrayBuffer();
    return {
      ms: performance.now() - startedAt,
      status: response.status,
      roundTrips: headerNumber(response, "x-db-round-trips"),
      statements: headerNumber(response, "x-db-statements"),
      orderFallbacks: headerNumber(response, "x-order-fallbacks"),
    };
  } catch {
    return { ms: performance.now() - startedAt, status: 0 };
  }
}

/**
 * Opens `count` keep-alive connections to `origin` before a level is timed: one untimed GET
 * /api/health each, all at once, read to the end. Without it a level starts by opening its
 * connections in the same instant, and measured that burst: 64 first checkouts on new connections
 * finished one after another over 1–4 s (the same 64 through the route handler in one process: all
 * within 0.6 s; after the first second the p99 was ~0.5 s). Idle connections close after a few
 * seconds, so every level opens its own.
 */
export async function openConnections(origin: string, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, () => timed(`${origin}/api/health`, { cache: "no-store" })));
}

/** Runs `concurrency` workers for `durationMs`, each sending its own request back to back. */
export async function runLevel(concurrency: number, durationMs: number, request: (worker: number) => Promise<Sample>): Promise<LevelResult> {
  const samples: Sample[] = [];
  const startedAt = performance.now();
  const deadline = startedAt + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; i < MAX_REQUESTS_PER_WORKER && performance.now() < deadline; i += 1) samples.push(await request(worker));
    }),
  );
  return summarise(samples, (performance.now() - startedAt) / 1000);
}

/** Sends every item once, `concurrency` at a time (work that can be done only once, like a paid event). */
export async function runQueue<T>(concurrency: number, items: T[], request: (item: T) => Promise<Sample>): Promise<LevelResult> {
  const samples: Sample[] = [];
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < items.length; index = next++) samples.push(await request(items[index]!));
    }),
  );
  return summarise(samples, (performance.now() - startedAt) / 1000);
}

const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null);

/** Throughput counts only 200s; latency percentiles and database costs are of the 200s too. */
export function summarise(samples: Sample[], elapsedSeconds: number): LevelResult {
  const ok = samples.filter((sample) => sample.status === 200);
  const latencies = ok.map((sample) => sample.ms).sort((a, b) => a - b);
  const statuses: Record<number, number> = {};
  for (const sample of samples) statuses[sample.status] = (statuses[sample.status] ?? 0) + 1;
  return {
    perSecond: latencies.length / elapsedSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: samples.length,
    failures: samples.length - latencies.length,
    statuses,
    roundTripsPerRequest: mean(ok.flatMap((sample) => (sample.roundTrips === undefined ? [] : [sample.roundTrips]))),
    statementsPerRequest: mean(ok.flatMap((sample) => (sample.statements === undefined ? [] : [sample.statements]))),
    orderFallbacks: samples.reduce((sum, sample) => sum + (sample.orderFallbacks ?? 0), 0),
  };
}

/** "404×3, 0×1" for the answers that were not 200, or "" when all were. */
export function oddStatuses(result: LevelResult): string {
  return Object.entries(result.statuses)
    .filter(([status]) => status !== "200")
    .map(([status, n]) => `${status}×${n}`)
    .join(", ");
}

/** A plain-text table; numbers right-aligned, the columns listed in `leftAligned` (words) left-aligned. */
export function formatTable(header: string[], rows: string[][], leftAligned: number[] = []): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const pad = (cell: string, column: number) => (leftAligned.includes(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!));
  const line = (cells: string[]) => cells.map(pad).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

export const format = (value: number | null, digits = 1) => (value !== null && Number.isFinite(value) ? value.toFixed(digits) : "–");
