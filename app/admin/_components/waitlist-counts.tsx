// The owner's notify-me counts for a product's colourways ("37 waiting"), shown only where someone waits.
export function WaitlistCounts({ colourways }: { colourways: { id: number; name: string; waiting: number }[] }) {
  const waited = colourways.filter((colourway) => colourway.waiting > 0);
  if (waited.length === 0) return null;
  return (
    <section aria-labelledby="waitlist-counts" className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <h2 id="waitlist-counts" className="font-semibold text-brand-900">
        Notify me
      </h2>
      <p className="text-stone-600">Knitters waiting for an email when these colourways are back. Restocking emails the first of them.</p>
      <ul className="mt-2 space-y-1" data-testid="waitlist-counts">
        {waited.map((colourway) => (
          <li key={colourway.id}>
            <span className="font-medium">{colourway.name}</span>: {colourway.waiting} waiting
          </li>
        ))}
      </ul>
    </section>
  );
}
