// Shown while the customer list or a customer loads.
export default function CustomersLoading() {
  return (
    <div className="space-y-4" aria-busy="true">
      <p role="status" className="text-sm text-stone-600">
        Loading customers…
      </p>
      <div className="h-64 animate-pulse rounded-lg border border-stone-200 bg-stone-100" />
    </div>
  );
}
