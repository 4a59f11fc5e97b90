"use client";
// "Held for you until 19:12" with the minutes left, for a shopper whose checkout holds a shop update's stock.
import { useEffect, useState } from "react";
import { STORE_TIME_ZONE } from "@/lib/time";

const clock = new Intl.DateTimeFormat("en-GB", { timeZone: STORE_TIME_ZONE, hour: "2-digit", minute: "2-digit" });

function remainingText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * The time is the shop's (London), as the update was announced. The countdown starts after mount:
 * the server's clock and the browser's differ, and a mismatch would break hydration. `role="timer"`
 * is not announced on every tick; the end is, once, through the status text.
 */
export function HoldCountdown({ heldUntil }: { heldUntil: string }) {
  const until = Date.parse(heldUntil);
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setLeft(until - Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until]);

  if (left !== null && left <= 0) {
    return (
      <p role="status" className="mb-4 rounded-lg border border-stone-300 bg-stone-50 px-4 py-3 text-sm text-stone-800" data-testid="hold-countdown">
        Your hold has ended, so these items may have gone to the next shopper. Check out again to hold what is left.
      </p>
    );
  }
  return (
    <p className="mb-4 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900" data-testid="hold-countdown">
      <strong>Held for you until {clock.format(new Date(until))}</strong>
      {left !== null ? (
        <span role="timer" className="ml-2 tabular-nums">
          ({remainingText(left)} left)
        </span>
      ) : null}
    </p>
  );
}
