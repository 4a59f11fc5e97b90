// Shown while the order list loads.
export default function OrdersLoading() {
  return (
    <div className="space-y-4" aria-busy="true">
      <h1 className="font-serif text-2xl font-semibold text-brand-900">Orders</h1>
      <p role="status" className="text-sm text-stone-600">
        Loading orders…
      </p>
      <div className="h-64 animate-pulse rounded-lg border border-stone-200 bg-stone-100" />
    </div>
  );
}
