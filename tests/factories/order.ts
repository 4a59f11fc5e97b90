// Test factories for order rows as reports read them (a real order comes from createCheckout + deliver).
import { randomUUID } from "node:crypto";
import { writeTransaction } from "@/lib/db";
import { orderEvents, orders, type OrderStatus, type PaymentStatus } from "@/lib/db/schema";

let sequence = 0;

/** An order row with the given status, totals and time, without the checkout behind it. */
export async function createOrderRow(
  spec: {
    createdAt?: string;
    status?: OrderStatus;
    paymentStatus?: PaymentStatus;
    total?: number;
    amountRefunded?: number;
    currency?: string;
    email?: string;
  } = {},
): Promise<{ id: number; orderNumber: string }> {
  sequence += 1;
  const seq = 5000 + sequence;
  const orderNumber = `HD-${seq}`;
  const createdAt = spec.createdAt ?? new Date().toISOString();
  const total = spec.total ?? 2000;
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        orderSeq: seq,
        orderNumber,
        email: spec.email ?? "knitter@example.com",
        status: spec.status ?? "processing",
        paymentStatus: spec.paymentStatus ?? "paid",
        currency: spec.currency ?? "GBP",
        subtotal: total,
        total,
        amountRefunded: spec.amountRefunded ?? 0,
        chargeRefundedAmount: spec.amountRefunded ?? 0,
        lookupToken: randomUUID(),
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: orders.id });
    return { id: row!.id, orderNumber };
  });
}

/** One event in an order's history, at a given time. */
export async function createOrderEvent(
  orderId: number,
  { type, message = "", createdAt = new Date().toISOString(), data }: { type: string; message?: string; createdAt?: string; data?: Record<string, unknown> },
): Promise<void> {
  await writeTransaction((tx) => tx.insert(orderEvents).values({ orderId, type, message, createdAt, data: data ?? null }));
}
