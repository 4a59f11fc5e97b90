"use client";
// The header badge's number, shared by every client component that changes the cart.
import { useSyncExternalStore } from "react";

let current: number | null = null;
/** Bumped by every cart answer: a live read sent before one must not overwrite what it said. */
let writes = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function publish(count: number): void {
  if (current === count) return;
  current = count;
  for (const listener of listeners) listener();
}

/** Call with the `count` of any cart API answer; the header updates without a reload. */
export function setCartCount(count: number): void {
  writes += 1;
  publish(count);
}

/** How many cart answers have been heard so far (see setLiveCartCount). */
export function cartCountWrites(): number {
  return writes;
}

/**
 * The count from the page's live read (lib/storefront/live-state.ts), unless a cart answer arrived
 * after the read was sent (`writesWhenSent`): that answer is newer than the read.
 */
export function setLiveCartCount(count: number, writesWhenSent: number): void {
  if (writes === writesWhenSent) publish(count);
}

/** The badge's number; null until the page's live read (or a cart answer) has told it. */
export function useCartCount(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}
