// One headline figure with the same figure for the previous period and the change between them.
const GOOD = "text-emerald-800";
const BAD = "text-red-700";
const NEUTRAL = "text-stone-600";

type Direction = "up" | "down" | "same" | "none";

/** More refunds or abandoned checkouts is bad news: those cards colour a rise red. */
function toneOf(direction: Direction, isGoodWhenUp: boolean): string {
  if (direction === "up") return isGoodWhenUp ? GOOD : BAD;
  if (direction === "down") return isGoodWhenUp ? BAD : GOOD;
  return NEUTRAL;
}

export function FigureCard({
  label,
  value,
  previous,
  change,
  hint,
  isGoodWhenUp = true,
}: {
  label: string;
  value: string;
  previous: string;
  change: { text: string; direction: Direction };
  hint?: string;
  isGoodWhenUp?: boolean;
}) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-4">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="mt-1">
        <span className="block text-2xl font-semibold tabular-nums">{value}</span>
        <span className={`mt-1 block text-sm ${toneOf(change.direction, isGoodWhenUp)}`}>{change.text}</span>
        <span className="block text-sm text-stone-600">Previous: {previous}</span>
        {hint ? <span className="mt-1 block text-xs text-stone-600">{hint}</span> : null}
      </dd>
    </div>
  );
}
