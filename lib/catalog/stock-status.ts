// The words a shopper sees for a variant's availability (safe to import from client components).

export type StockStatus =
  | { state: "sold_out"; label: string }
  | { state: "low"; label: string }
  | { state: "in_stock"; label: string };

/** "Sold out" at 0, "Only X left" at or below the store's low-stock threshold, otherwise "In stock". */
export function stockStatus(available: number, lowStockThreshold: number): StockStatus {
  if (available <= 0) return { state: "sold_out", label: "Sold out" };
  if (available <= lowStockThreshold) return { state: "low", label: `Only ${available} left` };
  return { state: "in_stock", label: "In stock" };
}
