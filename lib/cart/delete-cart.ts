// A cart that became an order goes, with its lines (the checkout row keeps the snapshot as the record).
import { eq } from "drizzle-orm";
import type { StatementBuilder, Tx } from "@/lib/db";
import { carts } from "@/lib/db/schema";

export function deleteCart(tx: Tx | StatementBuilder, cartId: string) {
  return tx.delete(carts).where(eq(carts.id, cartId));
}
