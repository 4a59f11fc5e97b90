// npx tsx scripts/bench/cpu-profile-top.ts <file.cpuprofile> [count] – the functions with the most self time in a V8 CPU profile.
//
// Record one with e.g. `BENCH_CPU_FLOWS=webhook node --cpu-prof --cpu-prof-dir=.tmp/prof --import tsx
// --import ./scripts/server-only-off.mjs scripts/bench/request-cpu.ts`. Self time is the share of samples in
// which a function was on top of the stack (its own code, not its callees); "(program)", "(idle)" and
// "(garbage collector)" are V8's own buckets.
import { readFileSync } from "node:fs";
import path from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error("usage: cpu-profile-top.ts <file.cpuprofile> [count]");
  const count = Number(process.argv[3] ?? 15);
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfSamples = new Map<string, number>();
  let totalSamples = 0;
  // Samples, not their time deltas: on a loaded machine a delta also counts the time the process waited for a core.
  profile.samples.forEach((id) => {
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === "(idle)") return;
    const where = frame.url ? `${path.basename(frame.url.replace(/^file:\/\//, ""))}:${frame.lineNumber + 1}` : "";
    const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    selfSamples.set(key, (selfSamples.get(key) ?? 0) + 1);
    totalSamples += 1;
  });
  const top = [...selfSamples].sort((a, b) => b[1] - a[1]).slice(0, count);
  console.log(`${totalSamples} busy samples; top ${count} by self time:`);
  for (const [key, samples] of top) console.log(`${((samples / totalSamples) * 100).toFixed(1).padStart(5)}%  ${String(samples).padStart(6)}  ${key}`);
}

main();
