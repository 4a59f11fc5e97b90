// Placeholder cards while a listing renders on the server.
export function ListingSkeleton({ title }: { title?: string }) {
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8" aria-busy="true">
      {title ? (
        <h1 className="font-serif text-3xl font-semibold text-brand-900">{title}</h1>
      ) : (
        <div aria-hidden="true" className="h-9 w-56 animate-pulse rounded bg-stone-200" />
      )}
      <p className="sr-only" role="status">
        Loading…
      </p>
      <ul aria-hidden="true" className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4">
        {Array.from({ length: 8 }, (_, index) => (
          <li key={index} className="overflow-hidden rounded-xl border border-stone-200 bg-white">
            <div className="aspect-square w-full animate-pulse bg-stone-100" />
            <div className="space-y-2 p-3">
              <div className="h-4 w-3/4 animate-pulse rounded bg-stone-100" />
              <div className="h-4 w-1/3 animate-pulse rounded bg-stone-100" />
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
