// Shown while an order loads.
export default function OrderLoading() {
  return (
    <div className="space-y-4" aria-busy="true">
      <p role="status" className="text-sm text-stone-600">
        Loading the order…
      </p>
      <div className="h-40 animate-pulse rounded-lg border border-stone-200 bg-stone-100" />
      <div className="h-64 animate-pulse rounded-lg border border-stone-200 bg-stone-100" />
    </div>
  );
}
