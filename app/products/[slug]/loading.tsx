export default function Loading() {
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-6 sm:py-8" aria-busy="true">
      <p className="sr-only" role="status">
        Loading…
      </p>
      <div aria-hidden="true" className="grid gap-8 md:grid-cols-2 md:gap-10">
        <div className="aspect-square w-full animate-pulse rounded-2xl bg-stone-200" />
        <div className="space-y-4">
          <div className="h-10 w-3/4 animate-pulse rounded bg-stone-200" />
          <div className="h-7 w-1/3 animate-pulse rounded bg-stone-200" />
          <div className="h-24 w-full animate-pulse rounded bg-stone-100" />
          <div className="h-11 w-48 animate-pulse rounded-full bg-stone-200" />
        </div>
      </div>
    </main>
  );
}
