// Empties what a report reads, so a test starts from a shop of its own making.
import type { Tx } from "@/lib/db";
import { checkouts, emailOutbox, orderEvents, orders, products, productVariants, stockReservations } from "@/lib/db/schema";

/** The dashboard's tables (orders, events, emails, holds, catalog); call inside a write transaction. */
export async function clearDashboardTables(tx: Tx): Promise<void> {
  for (const table of [emailOutbox, orderEvents, orders, stockReservations, checkouts, productVariants, products]) {
    await tx.delete(table);
  }
}
