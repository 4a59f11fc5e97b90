export default function Loading() {
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8" aria-busy="true">
      <h1 className="mb-6 font-serif text-3xl font-semibold text-brand-900">Your cart</h1>
      <p role="status" className="text-stone-600">
        Loading your cart…
      </p>
    </main>
  );
}
