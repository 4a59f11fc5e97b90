// The tags on the storefront's cached reads, and the one way the owners of that data expire them.
import { revalidateTag } from "next/cache";

/**
 * What a cached storefront read depends on. Stock is not one of them: availability, "Only X left"
 * and sold-out marks are always read live, so a stock move or a reservation never waits on the cache.
 */
export const CACHE_TAGS = {
  /** Products, variants (names, prices, options), photos, collections and their links. */
  catalog: "catalog",
  /** The shop's settings: name, currency, announcement, home text, limits. */
  settings: "settings",
  /** Published content pages (the footer links and /pages/*). */
  pages: "pages",
} as const;

export type CacheTag = (typeof CACHE_TAGS)[keyof typeof CACHE_TAGS];

/** Next throws this outside a request (vitest, scripts): there is no Next cache in that process to expire. */
const NO_NEXT_CACHE = "static generation store missing";

/**
 * Expires every cached read carrying these tags at once (`expire: 0`), so the next render reads the
 * database: a shopper never gets a price older than the last save, not even once while a
 * stale-while-revalidate refresh runs. Call it only after the write's transaction has committed.
 */
export function revalidateCatalog(...tags: CacheTag[]): void {
  for (const tag of new Set(tags)) {
    try {
      revalidateTag(tag, { expire: 0 });
    } catch (error) {
      if (error instanceof Error && error.message.includes(NO_NEXT_CACHE)) continue;
      throw error;
    }
  }
}

/** Waits for a committed write, then expires the tags it changed; the write's own result passes through. */
export async function revalidateAfter<T>(tags: readonly CacheTag[], committed: Promise<T>): Promise<T> {
  const result = await committed;
  revalidateCatalog(...tags);
  return result;
}
