// Test factory for one parcel per customer: an order whose checkout combined it with an earlier order.
import { randomBytes } from "node:crypto";
import { newCartId } from "@/lib/cart/cart-cookie";
import { writeTransaction } from "@/lib/db";
import { checkouts } from "@/lib/db/schema";
import { isoAfter } from "@/lib/time";
import { createAdminOrder, type CreatedOrder, type OrderSpec } from "./admin-orders";
import { quoteSnapshot } from "./quote";

/** A completed checkout that named `parentId` as the parcel it joins, and the paid order made from it. */
export async function createLinkedOrder(parentId: number, spec: OrderSpec = {}): Promise<CreatedOrder> {
  const checkoutId = `chk_test_${randomBytes(12).toString("hex")}`;
  await writeTransaction((tx) =>
    tx.insert(checkouts).values({
      id: checkoutId,
      cartId: newCartId(),
      status: "completed",
      email: spec.email ?? null,
      combinedWithOrderId: parentId,
      country: spec.country ?? "GB",
      lines: [],
      quote: quoteSnapshot({ paymentExpiresAt: isoAfter(30 * 60_000) }),
      currency: "GBP",
      subtotal: 0,
      paymentProvider: "local",
      expiresAt: isoAfter(30 * 60_000),
    }),
  );
  return createAdminOrder({ shippingTotal: 0, ...spec, checkoutId });
}
