// The coloured label of an update's state, shared by the list, the detail and the live view.
import type { UpdateState } from "@/lib/updates/update-state";
import { STATE_BADGES } from "./update-format";

export function UpdateStateBadge({ state }: { state: UpdateState }) {
  const badge = STATE_BADGES[state];
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${badge.className}`}>{badge.label}</span>;
}
