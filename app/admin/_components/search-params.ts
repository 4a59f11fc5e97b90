// Next hands a page its query string as string | string[] | undefined per key; the admin reads the first value.

export type PageSearchParams = Record<string, string | string[] | undefined>;

export function firstValues(params: PageSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) values[key] = first;
  }
  return values;
}
