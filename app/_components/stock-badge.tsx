// "Sold out", "Only X left" or "In stock" for a number of available units.
import { stockStatus } from "@/lib/catalog/stock-status";

const STYLES = {
  sold_out: "bg-stone-200 text-stone-800",
  low: "bg-amber-100 text-amber-900",
  in_stock: "bg-brand-100 text-brand-900",
} as const;

export function StockBadge({ available, lowStockThreshold }: { available: number; lowStockThreshold: number }) {
  const status = stockStatus(available, lowStockThreshold);
  return (
    <span data-testid="stock-status" data-state={status.state} className={`inline-flex rounded-full px-2.5 py-0.5 text-sm font-medium ${STYLES[status.state]}`}>
      {status.label}
    </span>
  );
}
