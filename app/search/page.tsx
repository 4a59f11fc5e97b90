// /search – the shopper's search: product cards for their words, or a way on when nothing matched
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { CollectionSummary } from "@/lib/catalog/list-collections";
import type { ProductListing } from "@/lib/catalog/list-products";
import { parseSearchParams, SEARCH_MAX_LENGTH, type SearchRequest } from "@/lib/catalog/search-params";
import { searchProducts, searchSuggestions } from "@/lib/catalog/search-products";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { EmptyState } from "../_components/empty-state";
import { Pagination } from "../_components/pagination";
import { ProductGrid } from "../_components/product-card";
import { SearchForm } from "../_components/search-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const request = parseSearchParams(await searchParams);
  return { title: request.kind === "search" ? `Search: ${request.text}` : "Search" };
}

const hrefFor = (text: string) => (page: number) => {
  const query = new URLSearchParams({ q: text });
  if (page > 1) query.set("page", String(page));
  return `/search?${query.toString()}`;
};

type Outcome =
  | Exclude<SearchRequest, { kind: "search" }>
  | { kind: "found"; text: string; results: ProductListing; currency: string }
  | { kind: "nothing"; text: string; suggestions: CollectionSummary[] };

/** Every read the page needs, done here, so what renders below is plain markup. */
async function findOutcome(request: SearchRequest): Promise<Outcome> {
  if (request.kind !== "search") return request;
  const read = await db();
  const [settings, results] = await Promise.all([getSettings(read), searchProducts(read, request.text, { page: request.page })]);
  if (results.total === 0) return { kind: "nothing", text: request.text, suggestions: await searchSuggestions(read) };
  return { kind: "found", text: request.text, results, currency: settings.currency };
}

export default async function SearchPage({ searchParams }: Props) {
  await connection();
  const request = parseSearchParams(await searchParams);
  const outcome = await findOutcome(request);
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="font-serif text-3xl font-semibold text-brand-900">{request.kind === "search" ? <>Search results for “{request.text}”</> : "Search"}</h1>
      <SearchForm label="Search again" inputId="search-page-q" size="large" defaultValue={request.kind === "search" ? request.text : undefined} className="mt-4 max-w-xl" />
      <div className="mt-6">
        <SearchOutcome outcome={outcome} />
      </div>
    </main>
  );
}

function SearchOutcome({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === "empty") {
    return <p className="text-stone-600">Type what you are looking for: a yarn (Merino Sock), a colourway (Heather) or a fibre (BFL, alpaca).</p>;
  }
  if (outcome.kind === "too-long") {
    return (
      <p className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
        That search is {outcome.length} characters long. Use a few words, up to {SEARCH_MAX_LENGTH} characters.
      </p>
    );
  }
  if (outcome.kind === "nothing") return <NothingFound text={outcome.text} suggestions={outcome.suggestions} />;
  const { text, results, currency } = outcome;
  return (
    <>
      <p className="text-sm text-stone-600" aria-live="polite">
        {results.total} {results.total === 1 ? "product" : "products"}
        {results.pageCount > 1 ? ` · page ${results.page} of ${results.pageCount}` : ""}
      </p>
      <div className="mt-4">
        {results.cards.length > 0 ? (
          <ProductGrid cards={results.cards} currency={currency} label={`Products matching ${text}`} />
        ) : (
          <EmptyState title="There is no such page" action={{ href: hrefFor(text)(1), label: "Back to the first page" }}>
            These results have {results.pageCount} {results.pageCount === 1 ? "page" : "pages"}.
          </EmptyState>
        )}
      </div>
      <Pagination page={results.page} pageCount={results.pageCount} hrefFor={hrefFor(text)} />
    </>
  );
}

function NothingFound({ text, suggestions }: { text: string; suggestions: CollectionSummary[] }) {
  return (
    <EmptyState title={`Nothing matched “${text}”`} action={{ href: "/products", label: "See all yarn" }}>
      <p>Check the spelling, or try fewer or more general words.</p>
      {suggestions.length > 0 ? (
        <nav aria-label="Suggested collections" className="mt-4">
          <p className="font-medium text-stone-800">Or browse a collection:</p>
          <ul className="mt-2 flex flex-wrap justify-center gap-2">
            {suggestions.map((collection) => (
              <li key={collection.id}>
                <Link href={`/collections/${collection.slug}`} className="inline-flex rounded-full border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-900 hover:bg-brand-50">
                  {collection.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </EmptyState>
  );
}
