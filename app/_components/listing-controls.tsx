// Sort (and optionally collection) controls for a listing: a plain GET form, so it works without JavaScript.
import { SORT_LABELS, PRODUCT_SORTS, type ProductSort } from "@/lib/catalog/listing-params";
import { AutoSubmitSelect } from "./auto-submit-select";

type ListingControlsProps = {
  action: string;
  sort: ProductSort;
  /** The sorts offered, the listing's default first. */
  sorts?: readonly ProductSort[];
  collections?: { slug: string; name: string }[];
  collection?: string;
};

export function ListingControls({ action, sort, sorts = PRODUCT_SORTS, collections, collection }: ListingControlsProps) {
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter and sort">
      {collections ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="listing-collection" className="text-xs font-semibold uppercase tracking-wide text-stone-600">
            Collection
          </label>
          <AutoSubmitSelect
            id="listing-collection"
            name="collection"
            defaultValue={collection ?? ""}
            options={[{ value: "", label: "All yarn" }, ...collections.map((entry) => ({ value: entry.slug, label: entry.name }))]}
          />
        </div>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="listing-sort" className="text-xs font-semibold uppercase tracking-wide text-stone-600">
          Sort by
        </label>
        <AutoSubmitSelect
          id="listing-sort"
          name="sort"
          defaultValue={sort}
          options={sorts.map((value) => ({ value, label: SORT_LABELS[value] }))}
        />
      </div>
      <noscript>
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white">
          Apply
        </button>
      </noscript>
    </form>
  );
}
