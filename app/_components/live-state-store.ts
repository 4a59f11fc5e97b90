"use client";
// The live part of a cached page: one GET /api/storefront/live per page view, shared by the header, the banner and the stock marks.
import { useEffect, useSyncExternalStore } from "react";
import type { LiveState } from "@/lib/storefront/live-state";
import { cartCountWrites, setLiveCartCount } from "./cart-count-store";
import { fetchJson } from "./fetch-json";

/** A variant's units available now; "unknown" when the read failed (the cart and checkout still decide). */
export type LiveAvailability = number | "unknown";

export type LiveSnapshot = {
  /** Absent: not heard yet ("Checking stock…"). */
  availability: ReadonlyMap<number, LiveAvailability>;
  closedShop: LiveState["closedShop"];
};

let snapshot: LiveSnapshot = { availability: new Map(), closedShop: null };
const listeners = new Set<() => void>();
let wanted = new Set<number>();
let isScheduled = false;

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function publish(next: LiveSnapshot) {
  snapshot = next;
  for (const listener of listeners) listener();
}

/**
 * Everything asked for in one React commit (the header's and the page's effects run in the same
 * task) goes out as one read: the request waits for the end of the task, not for a timer.
 */
function ask(variantIds: readonly number[]) {
  for (const id of variantIds) wanted.add(id);
  if (isScheduled) return;
  isScheduled = true;
  setTimeout(() => void read(), 0);
}

async function read() {
  isScheduled = false;
  const ids = [...wanted].sort((a, b) => a - b);
  wanted = new Set();
  const writesWhenSent = cartCountWrites();
  const query = ids.length > 0 ? `?variants=${ids.join(",")}` : "";
  const answer = await fetchJson<LiveState>(`/api/storefront/live${query}`);
  const availability = new Map(snapshot.availability);
  if (!answer.ok) {
    for (const id of ids) availability.set(id, "unknown");
    publish({ ...snapshot, availability });
    return;
  }
  setLiveCartCount(answer.data.cartCount, writesWhenSent);
  // An id the server does not know (deleted since the page was cached) can no longer be bought.
  for (const id of ids) availability.set(id, answer.data.availability[String(id)]?.available ?? 0);
  publish({ availability, closedShop: answer.data.closedShop });
}

const SERVER_SNAPSHOT: LiveSnapshot = { availability: new Map(), closedShop: null };

/**
 * The live state, asking for these variants' availability once per `refreshKey` (the header passes
 * the path, so every page view reads again; a page passes nothing and reads when it mounts).
 */
export function useLiveState(variantIds: readonly number[] = [], refreshKey = ""): LiveSnapshot {
  const idsKey = variantIds.join(",");
  useEffect(() => {
    ask(idsKey === "" ? [] : idsKey.split(",").map(Number));
  }, [idsKey, refreshKey]);
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => SERVER_SNAPSHOT,
  );
}
