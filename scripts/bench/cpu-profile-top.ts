// npx tsx scripts/bench/cpu-profile-top.ts <file.cpuprofile> [count] – the functions with the most self time in a V8 CPU profile,
// then the same samples by where the code lives (each package under node_modules, the app's own directories, V8's buckets).
//
// Record one with e.g. `BENCH_CPU_FLOWS=webhook BENCH_CPU_PROFILE_DIR=.tmp/prof npx tsx --import
// ./scripts/server-only-off.mjs scripts/bench/request-cpu.ts` (npm run bench does this itself for every
// flow that misses its CPU target, into .tmp/bench/profiles).
import { summariseProfile } from "./profile-summary";

const file = process.argv[2];
if (!file) throw new Error("usage: cpu-profile-top.ts <file.cpuprofile> [count]");
const summary = summariseProfile(file, Number(process.argv[3] ?? 15));
const line = ([key, share]: [string, number]) => `${(share * 100).toFixed(1).padStart(5)}%  ${key}`;
console.log(`${summary.busySamples} busy samples; top ${summary.functions.length} by self time:`);
for (const entry of summary.functions) console.log(line(entry));
console.log("by where the code lives:");
for (const entry of summary.places) console.log(line(entry));
