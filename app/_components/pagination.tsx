// Previous / numbered / next page links that keep the listing's other query parameters.
import Link from "next/link";

type PaginationProps = { page: number; pageCount: number; hrefFor: (page: number) => string };

/** Page numbers around the current one, with the first and last always reachable. */
function pagesToShow(page: number, pageCount: number): (number | "gap")[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const result: (number | "gap")[] = [];
  for (const [index, n] of sorted.entries()) {
    if (index > 0 && n - sorted[index - 1]! > 1) result.push("gap");
    result.push(n);
  }
  return result;
}

const linkClass = "inline-flex min-h-10 min-w-10 items-center justify-center rounded-lg border px-3 text-sm font-medium";

export function Pagination({ page, pageCount, hrefFor }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-10 flex flex-wrap items-center justify-center gap-2">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev" className={`${linkClass} border-stone-300 bg-white hover:bg-brand-50`}>
          <span aria-hidden="true">←</span>&nbsp;Previous
        </Link>
      ) : null}
      <ul className="flex items-center gap-1">
        {pagesToShow(page, pageCount).map((entry, index) =>
          entry === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-stone-500">
              …
            </li>
          ) : (
            <li key={entry}>
              <Link
                href={hrefFor(entry)}
                aria-current={entry === page ? "page" : undefined}
                aria-label={`Page ${entry}`}
                className={`${linkClass} ${entry === page ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white hover:bg-brand-50"}`}
              >
                {entry}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} rel="next" className={`${linkClass} border-stone-300 bg-white hover:bg-brand-50`}>
          Next&nbsp;<span aria-hidden="true">→</span>
        </Link>
      ) : null}
    </nav>
  );
}
