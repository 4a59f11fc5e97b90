// A V8 CPU profile in a few lines: the functions with the most self time, and the same samples by where the code lives.
import { readFileSync } from "node:fs";
import path from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: ProfileNode[]; samples: number[] };

/** Shares of the busy samples (0–1), largest first. */
export type ProfileSummary = { busySamples: number; functions: [string, number][]; places: [string, number][] };

/**
 * Self time is the share of samples in which a function was on top of the stack (its own code, not
 * its callees); "(program)" and "(garbage collector)" are V8's own buckets. Samples, not their time
 * deltas: on a loaded machine a delta also counts the time the process waited for a core. A native
 * add-on's frames carry the nearest exported symbol, so SQLite's own work inside libsql shows under
 * names such as `Rows::js_next`.
 */
export function summariseProfile(file: string, count: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let busySamples = 0;
  for (const id of profile.samples) {
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    const where = frame.url ? `${path.basename(frame.url.replace(/^file:\/\//, ""))}:${frame.lineNumber + 1}` : "";
    const name = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + 1);
    const place = placeOf(frame.url, frame.functionName);
    places.set(place, (places.get(place) ?? 0) + 1);
    busySamples += 1;
  }
  const shares = (counts: Map<string, number>): [string, number][] =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, samples]) => [key, samples / Math.max(1, busySamples)]);
  return { busySamples, functions: shares(functions), places: shares(places) };
}

/** A package under node_modules (scoped ones whole), a top directory of the app, node's own code, or V8's bucket. */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native: V8 built-ins and add-ons such as libsql's SQLite)";
  const file = url.replace(/^file:\/\//, "");
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inModules) return inModules[1]!;
  if (file.startsWith("node:")) return "node: (runtime)";
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : `app: ${relative.split(path.sep)[0]}/`;
}
