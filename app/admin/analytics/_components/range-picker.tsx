// The range choice: four presets as links, and a custom pair of shop days as a plain GET form.
import Link from "next/link";
import type { RangeKey } from "@/lib/analytics/analytics-range";

const PRESETS: { key: Exclude<RangeKey, "custom">; label: string }[] = [
  { key: "7d", label: "7 days" },
  { key: "30d", label: "30 days" },
  { key: "90d", label: "90 days" },
  { key: "all", label: "All time" },
];

export function RangePicker({ active, from, to, error }: { active: RangeKey; from: string; to: string; error?: string }) {
  const errorId = "range-error";
  return (
    <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
      <nav aria-label="Report range">
        <ul className="flex flex-wrap gap-2">
          {PRESETS.map((preset) => {
            const isActive = active === preset.key;
            return (
              <li key={preset.key}>
                <Link
                  href={`/admin/analytics?range=${preset.key}`}
                  aria-current={isActive ? "page" : undefined}
                  className={`inline-flex min-h-11 items-center rounded-full border px-4 text-sm font-medium ${
                    isActive ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-800 hover:border-brand-700"
                  }`}
                >
                  {preset.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <form method="get" action="/admin/analytics" className="flex flex-wrap items-end gap-3" aria-label="Custom range">
        <input type="hidden" name="range" value="custom" />
        <div>
          <label htmlFor="range-from" className="block text-sm font-medium">
            From
          </label>
          <input
            id="range-from"
            name="from"
            type="date"
            required
            defaultValue={from}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="mt-1 min-h-11 rounded-md border border-stone-300 bg-white px-3"
          />
        </div>
        <div>
          <label htmlFor="range-to" className="block text-sm font-medium">
            To
          </label>
          <input
            id="range-to"
            name="to"
            type="date"
            required
            defaultValue={to}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="mt-1 min-h-11 rounded-md border border-stone-300 bg-white px-3"
          />
        </div>
        <button
          type="submit"
          className={`min-h-11 rounded-full border px-4 text-sm font-semibold ${
            active === "custom" ? "border-brand-700 bg-brand-700 text-white" : "border-brand-700 bg-white text-brand-700 hover:bg-brand-50"
          }`}
        >
          Show these days
        </button>
        {error ? (
          <p id={errorId} role="alert" className="w-full text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </form>
    </div>
  );
}
