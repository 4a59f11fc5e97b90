"use client";
// One radio group per option (colour, weight, …); sold-out values stay choosable so their status shows.
import { optionLabel, optionNamesOf, optionValuesOf, pickVariant } from "@/lib/catalog/variant-options";

/** `available` is null while the page's live read is on its way (or failed): nothing is marked sold out then. */
export type PickerVariant = { id: number; name: string; options: Record<string, string>; available: number | null };

type VariantPickerProps = {
  variants: PickerVariant[];
  selected: PickerVariant;
  onSelect: (variant: PickerVariant) => void;
  /** Small colour swatches for an option's values, from the colourway images. */
  swatchFor?: (variant: PickerVariant) => string | null;
};

export function VariantPicker({ variants, selected, onSelect, swatchFor }: VariantPickerProps) {
  const names = optionNamesOf(variants);
  if (variants.length <= 1) return null;
  return (
    <div className="flex flex-col gap-5">
      {names.map((name) => {
        const values = optionValuesOf(variants, name);
        const groupId = `option-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
        return (
          <fieldset key={name} className="min-w-0">
            <legend className="text-sm font-medium text-stone-800">
              {optionLabel(name)}: <span className="font-normal text-stone-600">{selected.options[name] ?? "—"}</span>
            </legend>
            <div className="mt-2 flex flex-wrap gap-2">
              {values.map((value) => {
                const target = pickVariant(variants, selected.options, name, value);
                if (!target) return null;
                // Would choosing this keep the other choices? If not, it reads as a weaker option.
                const keepsOthers = Object.entries(selected.options).every(([key, chosen]) => key === name || target.options[key] === chosen);
                const isSoldOut = target.available === 0;
                const swatch = swatchFor?.(target) ?? null;
                const inputId = `${groupId}-${value.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
                return (
                  <label key={value} htmlFor={inputId} className="cursor-pointer">
                    <input
                      id={inputId}
                      type="radio"
                      name={groupId}
                      value={value}
                      checked={selected.options[name] === value}
                      onChange={() => onSelect(target)}
                      className="peer sr-only"
                    />
                    <span
                      className={`inline-flex min-h-10 items-center gap-2 rounded-full border px-3 py-1.5 text-sm transition peer-checked:border-brand-700 peer-checked:bg-brand-50 peer-checked:font-semibold peer-checked:text-brand-900 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 ${
                        keepsOthers ? "border-stone-300 bg-white text-stone-800 hover:border-stone-500" : "border-dashed border-stone-300 bg-white text-stone-500"
                      } ${isSoldOut ? "line-through decoration-stone-400" : ""}`}
                    >
                      {swatch ? (
                        // eslint-disable-next-line @next/next/no-img-element -- local SVG swatch
                        <img src={swatch} alt="" className="h-5 w-5 rounded-full border border-stone-200 object-cover" />
                      ) : null}
                      {value}
                      {isSoldOut ? <span className="sr-only"> (sold out)</span> : null}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
