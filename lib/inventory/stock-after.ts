// The arithmetic of a bulk adjustment, shared by the server and the owner's preview (no database here).

export const BULK_MODES = ["increment", "decrement", "set"] as const;
export type BulkMode = (typeof BULK_MODES)[number];

/** The stock an item ends with, from the stock it has now. */
export function stockAfter(mode: BulkMode, stock: number, quantity: number): number {
  if (mode === "increment") return stock + quantity;
  if (mode === "decrement") return stock - quantity;
  return quantity;
}

export const BULK_MODE_LABELS: Record<BulkMode, string> = {
  increment: "Add units",
  decrement: "Take units away",
  set: "Set to a counted number",
};
