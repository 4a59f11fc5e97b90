"use client";
// The header badge's number, shared by every client component that changes the cart.
import { useEffect, useSyncExternalStore } from "react";

let current: number | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call with the `count` of any cart API answer; the header updates without a reload. */
export function setCartCount(count: number): void {
  if (current === count) return;
  current = count;
  for (const listener of listeners) listener();
}

/**
 * The badge's number. `serverCount` is what the server rendered; a newer one (after a full page
 * load or a server re-render) replaces whatever the client last heard.
 */
export function useCartCount(serverCount: number): number {
  useEffect(() => setCartCount(serverCount), [serverCount]);
  return useSyncExternalStore(
    subscribe,
    () => current ?? serverCount,
    () => serverCount,
  );
}
