"use client";
// The selected colourway's place in a shop update: "Coming soon", or "Goes live Friday 19:00" with the time left, then "live".
import type { UpdateState } from "@/lib/updates/update-state";
import type { VariantUpdateTimes } from "@/lib/updates/product-update-times";
import { liveTimeText, timeLeftText } from "@/lib/updates/update-times-text";

type UpdateStatusProps = {
  update: VariantUpdateTimes;
  state: UpdateState;
  nowMs: number;
  renderedAt: string;
};

/**
 * Before a preview time the owner set, the update's time is not announced yet, so the page says only
 * "Coming soon"; an update without one shows its live time from the start.
 * The time left is a `role="timer"` (not read out on every tick); the flip to live is said once,
 * through the status line, and only when it happened while the page was open.
 */
export function UpdateStatus({ update, state, nowMs, renderedAt }: UpdateStatusProps) {
  const hasFlippedHere = state === "live" && update.liveAt > renderedAt;
  const isAnnounced = state === "preview" || (state === "scheduled" && update.previewAt === null);
  return (
    <div data-testid="update-status" data-state={state}>
      {state === "scheduled" && !isAnnounced ? (
        <p className="rounded-lg border border-stone-300 bg-stone-50 px-4 py-3 text-stone-800">
          <strong className="font-semibold">Coming soon</strong> in the shop update “{update.name}”. Its time will be announced here.
        </p>
      ) : null}
      {isAnnounced ? (
        <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-brand-900">
          <strong className="font-semibold" suppressHydrationWarning>
            Goes live {liveTimeText(update.liveAt, nowMs)} (UK time)
          </strong>
          <span role="timer" className="text-sm tabular-nums" suppressHydrationWarning>
            in {timeLeftText(Date.parse(update.liveAt) - nowMs)}
          </span>
        </p>
      ) : null}
      {state === "live" ? (
        <p className="rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-brand-900">
          <strong className="font-semibold">{update.name} is live.</strong> Add it to your cart to hold it while you check out.
        </p>
      ) : null}
      <p role="status" className="sr-only">
        {hasFlippedHere ? `${update.name} is live now: you can add it to your cart.` : ""}
      </p>
    </div>
  );
}
