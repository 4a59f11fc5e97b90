"use client";
// The browser's clock for a page that may have been rendered (and cached) long before it is read.
import { useEffect, useState } from "react";

/**
 * Starts at `renderedAt` so the first client render matches the server's HTML (no hydration
 * mismatch), then reads the browser's clock once mounted and every second while `isTicking`: a
 * page from Next's cache still flips on the minute, without a reload or a request.
 */
export function useClientClock(renderedAt: string, isTicking: boolean): number {
  const [nowMs, setNowMs] = useState(() => Date.parse(renderedAt));
  useEffect(() => {
    const tick = () => setNowMs(Date.now());
    const first = setTimeout(tick, 0);
    const timer = isTicking ? setInterval(tick, 1000) : undefined;
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [isTicking]);
  return nowMs;
}
