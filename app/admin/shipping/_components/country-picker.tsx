"use client";
// Picks a zone's countries: a filter box over a checkbox list. Countries already in another zone are
// shown but disabled, since a country belongs to one zone at most. A country the zone holds that
// checkout does not offer (a code saved before the list was cleaned) is marked with the reason.
import { useId, useState } from "react";

type Country = { code: string; name: string };

type CountryPickerProps = {
  countries: Country[];
  /** Country code → the other zone that has it. */
  takenBy: Record<string, string>;
  /** The zone's own countries that checkout does not offer, each with why; not in `countries`, so only removable. */
  refused?: { code: string; name: string; refusal: string | null }[];
  selected: string[];
  onChange: (codes: string[]) => void;
  error?: string;
};

export function CountryPicker({ countries, takenBy, refused = [], selected, onChange, error }: CountryPickerProps) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const chosen = new Set(selected);
  const needle = filter.trim().toLowerCase();
  const shown = countries.filter((country) => !needle || country.name.toLowerCase().includes(needle) || country.code.toLowerCase() === needle);
  const names = new Map(countries.map((country) => [country.code, country.name]));
  // CLDR names a withdrawn code after its successor (DY is "Benin"), so a refused one shows its code too.
  const refusals = new Map(refused.map((country) => [country.code, country.refusal]));
  for (const country of refused) names.set(country.code, `${country.name} (${country.code})`);
  const refusedChosen = selected.filter((code) => refusals.has(code));

  function toggle(code: string) {
    onChange(chosen.has(code) ? selected.filter((candidate) => candidate !== code) : [...selected, code]);
  }

  return (
    <fieldset aria-describedby={`${id}-error`} className="min-w-0">
      <legend className="text-sm font-medium text-stone-800">Countries</legend>
      <ul aria-label="Chosen countries" className="mt-2 flex flex-wrap gap-2">
        {selected.length === 0 ? <li className="text-sm text-stone-600">None yet.</li> : null}
        {[...selected]
          .sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, "en-GB"))
          .map((code) => (
            <li key={code}>
              <button
                type="button"
                onClick={() => toggle(code)}
                aria-label={`Remove ${names.get(code) ?? code}`}
                aria-describedby={refusals.has(code) ? `${id}-refused-${code}` : undefined}
                className={`inline-flex items-center gap-1 rounded-full border px-3 py-1 text-sm ${
                  refusals.has(code) ? "border-amber-300 bg-amber-50 text-amber-900" : "border-brand-700 bg-brand-50 text-brand-900"
                }`}
              >
                {refusals.has(code) ? <span aria-hidden="true">⚠</span> : null}
                {names.get(code) ?? code} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
      </ul>
      {refusedChosen.length > 0 ? (
        <ul aria-label="Not offered at checkout" className="mt-2 space-y-1 text-sm text-amber-900">
          {refusedChosen.map((code) => (
            <li key={code} id={`${id}-refused-${code}`}>
              {refusals.get(code)} Not offered at checkout: remove it to save the zone.
            </li>
          ))}
        </ul>
      ) : null}
      <label htmlFor={`${id}-filter`} className="mt-3 block text-sm font-medium text-stone-800">
        Find a country
      </label>
      <input
        id={`${id}-filter`}
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base"
      />
      <div className="mt-2 max-h-64 overflow-y-auto rounded-md border border-stone-200">
        <ul className="divide-y divide-stone-100">
          {shown.map((country) => {
            const otherZone = chosen.has(country.code) ? undefined : takenBy[country.code];
            return (
              <li key={country.code}>
                <label className={`flex items-center gap-2 px-3 py-2 text-sm ${otherZone ? "text-stone-600" : ""}`}>
                  <input type="checkbox" checked={chosen.has(country.code)} disabled={Boolean(otherZone)} onChange={() => toggle(country.code)} className="size-4" />
                  <span>
                    {country.name} <span className="text-stone-600">({country.code})</span>
                    {otherZone ? <span className="block text-xs">In {otherZone}</span> : null}
                  </span>
                </label>
              </li>
            );
          })}
          {shown.length === 0 ? <li className="px-3 py-2 text-sm text-stone-600">No country matches.</li> : null}
        </ul>
      </div>
      <p id={`${id}-error`} className="mt-1 min-h-5 text-sm text-red-700">
        {error}
      </p>
    </fieldset>
  );
}
