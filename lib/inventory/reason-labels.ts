// How the admin names the ledger's reasons (a plain module: the browser uses it too).
import type { InventoryReason } from "@/lib/db/schema";

export const REASON_LABELS: Record<InventoryReason, string> = {
  initial: "Opening stock",
  order: "Order",
  restock: "Restock",
  bulk: "Bulk update",
  return: "Return",
  cancellation: "Cancelled order",
  import: "Import",
  update: "Shop update release",
  received: "Received",
  cycle_count: "Stock count",
  correction: "Correction",
  damaged: "Damaged",
  returned: "Returned",
  other: "Other",
};
