// A cart that became an order goes, with its lines (the checkout row keeps the snapshot as the record).
import { boundSql, type BoundSql } from "@/lib/db";

const DELETE_CART = 'DELETE FROM "carts" WHERE "id" = ?';

/** For writeBatch: its text is built once (lib/db/statement-text.ts). */
export function deleteCart(cartId: string): BoundSql {
  return boundSql(DELETE_CART, [cartId]);
}
