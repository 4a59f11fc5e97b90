// Paid orders whose one-batch write a named guard refused, so they were written again under the lock: counted and logged.
import { countFallback } from "@/lib/db";

let fallbacks = 0;

/** One structured line per fallback (what refused, for which checkout), and the counts behind x-order-fallbacks. */
export function recordOrderFallback(guard: string, checkoutId: string): void {
  fallbacks += 1;
  countFallback();
  console.info(JSON.stringify({ event: "order_write_fallback", guard, checkoutId }));
}

/** Fallbacks since this process started (benchmarks, tests). */
export function orderFallbackCount(): number {
  return fallbacks;
}
