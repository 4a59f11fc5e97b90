// The live time a shop update's `not_live` refusal carries beside its code, for the checkout to show and wait for.
import type { ApiProblem } from "@/app/_components/fetch-json";

/** The live time a `not_live` refusal carries beside its code. */
export function liveAtOf(problem: ApiProblem | null): string | null {
  if (problem?.code !== "not_live") return null;
  const liveAt = (problem.details as { liveAt?: unknown } | undefined)?.liveAt;
  return typeof liveAt === "string" && !Number.isNaN(Date.parse(liveAt)) ? liveAt : null;
}
