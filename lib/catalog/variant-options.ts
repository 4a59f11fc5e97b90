// Variant options (colour, weight, …) as the picker shows them (safe to import from client components).

type WithOptions = { options: Record<string, string> };

/** Option names in the order the variants first use them, so "colour" stays before "weight". */
export function optionNamesOf(variants: readonly WithOptions[]): string[] {
  const names: string[] = [];
  for (const variant of variants) for (const name of Object.keys(variant.options)) if (!names.includes(name)) names.push(name);
  return names;
}

/** The values of one option in variant order, without repeats. */
export function optionValuesOf(variants: readonly WithOptions[], name: string): string[] {
  const values: string[] = [];
  for (const variant of variants) {
    const value = variant.options[name];
    if (value !== undefined && !values.includes(value)) values.push(value);
  }
  return values;
}

/** "colour" → "Colour", "yarn_weight" → "Yarn weight". */
export function optionLabel(name: string): string {
  const words = name.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The variant a shopper means after choosing `value` for `name`: the one that keeps every other
 * choice if it exists, otherwise the first variant with that value (a DK blank may come in fewer
 * colours than the 4ply one, so the other choices follow the new one).
 */
export function pickVariant<V extends WithOptions>(
  variants: readonly V[],
  current: Record<string, string>,
  name: string,
  value: string,
): V | undefined {
  const wanted = { ...current, [name]: value };
  return (
    variants.find((variant) => Object.entries(wanted).every(([key, wantedValue]) => variant.options[key] === wantedValue)) ??
    variants.find((variant) => variant.options[name] === value)
  );
}
