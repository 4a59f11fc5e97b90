// What stock could not cover: the one shape every refusal and every short order reports.

/** `requested` units of a variant were wanted, only `available` could be had. */
export type Shortfall = { variantId: number; requested: number; available: number };

/** Sums quantities per variant, first-seen order kept: a cart may list one variant twice. */
export function quantitiesByVariant(lines: readonly { variantId: number; quantity: number }[]): Map<number, number> {
  const requested = new Map<number, number>();
  for (const line of lines) requested.set(line.variantId, (requested.get(line.variantId) ?? 0) + line.quantity);
  return requested;
}
