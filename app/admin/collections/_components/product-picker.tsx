"use client";
// Finds products by name, slug or SKU (the admin product list's own search) to add to a collection.
import { useEffect, useId, useRef, useState } from "react";
import { callAdminApi } from "@/app/admin/_components/admin-api";
import { inputClass } from "@/app/admin/_components/form-field";
import type { CollectionProduct } from "@/lib/catalog/list-admin-collections";

type ProductPickerProps = { chosenIds: ReadonlySet<number>; onAdd: (product: CollectionProduct) => void };
type Search = { state: "idle" } | { state: "searching" } | { state: "done"; rows: CollectionProduct[]; total: number } | { state: "failed"; message: string };

const SEARCH_DELAY_MS = 250;

export function ProductPicker({ chosenIds, onAdd }: ProductPickerProps) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState<Search>({ state: "idle" });
  const latest = useRef(0);

  useEffect(() => {
    const text = query.trim();
    if (!text) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      setSearch({ state: "searching" });
      const result = await callAdminApi<{ rows: CollectionProduct[]; total: number }>(`/api/admin/products?q=${encodeURIComponent(text)}`);
      // A slower answer to an older query must not replace the newer one's.
      if (ticket !== latest.current) return;
      setSearch(result.ok ? { state: "done", rows: result.data.rows, total: result.data.total } : { state: "failed", message: result.error.message });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const summary =
    search.state === "searching"
      ? "Searching…"
      : search.state === "failed"
        ? search.message
        : search.state === "done"
          ? search.total === 0
            ? "No product matches."
            : `${search.total} ${search.total === 1 ? "product matches" : "products match"}${search.total > search.rows.length ? `; the first ${search.rows.length} are shown` : ""}.`
          : "";

  return (
    <div>
      <label htmlFor={`${id}-query`} className="block text-sm font-medium text-stone-800">
        Add a product
      </label>
      <p id={`${id}-hint`} className="text-sm text-stone-600">
        Search by name, slug or SKU.
      </p>
      <input
        id={`${id}-query`}
        type="search"
        value={query}
        aria-describedby={`${id}-hint ${id}-summary`}
        onChange={(event) => {
          setQuery(event.target.value);
          if (!event.target.value.trim()) {
            latest.current += 1;
            setSearch({ state: "idle" });
          }
        }}
        className={inputClass}
      />
      <p id={`${id}-summary`} role="status" className="mt-1 min-h-5 text-sm text-stone-600">
        {query.trim() ? summary : ""}
      </p>
      {search.state === "done" && search.rows.length > 0 && query.trim() ? (
        <ul aria-label="Matching products" className="mt-1 max-h-72 divide-y divide-stone-100 overflow-y-auto rounded-md border border-stone-200">
          {search.rows.map((product) => {
            const isChosen = chosenIds.has(product.id);
            return (
              <li key={product.id} className="flex items-center justify-between gap-3 px-3 py-2">
                <span className="min-w-0">
                  <span className="block truncate text-sm font-medium text-stone-900">{product.name}</span>
                  <span className="block truncate text-xs text-stone-600">
                    {product.slug}
                    {product.status === "active" ? "" : ` · ${product.status}`}
                  </span>
                </span>
                <button
                  type="button"
                  disabled={isChosen}
                  aria-label={isChosen ? `${product.name} is in the collection` : `Add ${product.name}`}
                  onClick={() => onAdd({ id: product.id, name: product.name, slug: product.slug, status: product.status })}
                  className="shrink-0 rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-stone-50 disabled:text-stone-500"
                >
                  {isChosen ? "Added" : "Add"}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
