// A cart that became an order goes, with its lines (the checkout row keeps the snapshot as the record).
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { carts } from "@/lib/db/schema";

export async function deleteCart(tx: Tx, cartId: string): Promise<void> {
  await tx.delete(carts).where(eq(carts.id, cartId));
}
