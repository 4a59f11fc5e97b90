// One headline figure with the same figure for the previous period and the change between them.
const DIRECTION_CLASS = {
  up: "text-emerald-800",
  down: "text-red-700",
  same: "text-stone-600",
  none: "text-stone-600",
} as const;

export function FigureCard({
  label,
  value,
  previous,
  change,
  hint,
}: {
  label: string;
  value: string;
  previous: string;
  change: { text: string; direction: keyof typeof DIRECTION_CLASS };
  hint?: string;
}) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-4">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="mt-1">
        <span className="block text-2xl font-semibold tabular-nums">{value}</span>
        <span className={`mt-1 block text-sm ${DIRECTION_CLASS[change.direction]}`}>{change.text}</span>
        <span className="block text-sm text-stone-600">Previous: {previous}</span>
        {hint ? <span className="mt-1 block text-xs text-stone-600">{hint}</span> : null}
      </dd>
    </div>
  );
}
