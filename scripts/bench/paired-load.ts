// Two requests measured against each other in alternating slices, so a machine whose load drifts moves both alike.
import { openConnections, percentile, timed, type Sample } from "./http-load";

export type SideResult = { perSecond: number; p50: number; p99: number; requests: number; unexpected: number };
export type PairResult = { a: SideResult; b: SideResult; slices: number };

type Side = { url: string; expectedStatus: number };

/** Workers sending `url` back to back for `durationMs`; every sample, and how long the slice ran. */
async function slice(concurrency: number, durationMs: number, url: string): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = [];
  const startedAt = performance.now();
  const deadline = startedAt + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) samples.push(await timed(url, { cache: "no-store" }));
    }),
  );
  return { samples, seconds: (performance.now() - startedAt) / 1000 };
}

/** Throughput and latency over every slice of one side, counting only its expected status. */
function combine(slices: { samples: Sample[]; seconds: number }[], expectedStatus: number): SideResult {
  const samples = slices.flatMap((each) => each.samples);
  const latencies = samples.filter((sample) => sample.status === expectedStatus).map((sample) => sample.ms).sort((x, y) => x - y);
  const seconds = slices.reduce((sum, each) => sum + each.seconds, 0);
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: samples.length, unexpected: samples.length - latencies.length };
}

/**
 * A, B, B, A, A, B … in `rounds` × 2 slices each (ABBA order, so neither side always goes first
 * after a pause), each slice opening its connections first like every level of the bench.
 */
export async function runPaired(origin: string, concurrency: number, sliceMs: number, rounds: number, a: Side, b: Side): Promise<PairResult> {
  const taken: Record<"a" | "b", { samples: Sample[]; seconds: number }[]> = { a: [], b: [] };
  for (let round = 0; round < rounds; round += 1) {
    const order: ("a" | "b")[] = round % 2 === 0 ? ["a", "b"] : ["b", "a"];
    for (const side of order) {
      await openConnections(origin, concurrency);
      taken[side].push(await slice(concurrency, sliceMs, `${origin}${(side === "a" ? a : b).url}`));
    }
  }
  return { a: combine(taken.a, a.expectedStatus), b: combine(taken.b, b.expectedStatus), slices: rounds * 2 };
}
