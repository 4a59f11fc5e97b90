// A plain GET form to /search: works without JavaScript, one labelled field and a real button.
import { SEARCH_MAX_LENGTH } from "@/lib/catalog/search-params";

type SearchFormProps = {
  /** Names the search landmark; two on one page (header and /search) need different names. */
  label: string;
  inputId: string;
  defaultValue?: string;
  className?: string;
  size?: "compact" | "large";
};

export function SearchForm({ label, inputId, defaultValue, className = "", size = "compact" }: SearchFormProps) {
  const isLarge = size === "large";
  return (
    <form role="search" aria-label={label} action="/search" method="get" className={`flex min-w-0 ${className}`}>
      <label htmlFor={inputId} className="sr-only">
        Search yarn by name, colour or fibre
      </label>
      <input
        id={inputId}
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={SEARCH_MAX_LENGTH}
        placeholder="Search yarn, colours, fibres"
        autoComplete="off"
        enterKeyHint="search"
        className={`min-w-0 flex-1 rounded-l-full border border-r-0 border-stone-300 bg-white px-4 text-stone-900 placeholder:text-stone-500 ${isLarge ? "py-2.5 text-base" : "py-2 text-sm"}`}
      />
      <button
        type="submit"
        className={`inline-flex items-center gap-2 rounded-r-full border border-brand-700 bg-brand-700 font-semibold text-white hover:bg-brand-900 ${isLarge ? "px-5 text-base" : "px-3 text-sm"}`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.2">
          <circle cx="11" cy="11" r="6.5" />
          <path d="m16 16 4.5 4.5" strokeLinecap="round" />
        </svg>
        <span className={isLarge ? "" : "sr-only"}>Search</span>
      </button>
    </form>
  );
}
