// Reads /search's query string: the words to look for and the page; never throws.
import { z } from "zod";

export const SEARCH_MAX_LENGTH = 100;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const searchText = z.string().trim().max(SEARCH_MAX_LENGTH).transform((text) => text.replace(/\s+/g, " "));

const searchParams = z.object({
  q: z.preprocess(firstValue, z.string()).catch(""),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(10_000)).catch(1),
});

/** What the page does: ask for words, say the search is too long, or search for `text`. */
export type SearchRequest = { kind: "empty" } | { kind: "too-long"; length: number } | { kind: "search"; text: string; page: number };

export function parseSearchParams(params: Record<string, string | string[] | undefined>): SearchRequest {
  const { q, page } = searchParams.parse(params);
  const text = searchText.safeParse(q);
  if (!text.success) return { kind: "too-long", length: q.trim().length };
  return text.data === "" ? { kind: "empty" } : { kind: "search", text: text.data, page };
}
