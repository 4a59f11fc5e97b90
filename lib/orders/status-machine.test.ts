import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { ORDER_STATUSES, orderEvents, orders, type OrderStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { createCheckout } from "@/tests/factories/checkout";
import { createVariant } from "@/tests/factories/product";
import { deliver } from "@/tests/factories/webhook";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { ORDER_TRANSITIONS, canTransition, transitionOrderStatus } from "./status-machine";
import { httpStatusOf } from "@/lib/http/errors";

async function paidOrder() {
  const variant = await createVariant({ stock: 5 });
  const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
  const body = await (await deliver(buildCheckoutSessionEvent(checkout))).json();
  return body.orderId as number;
}

async function eventsOf(orderId: number) {
  return withFreshClient((db) => db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id));
}

describe("the order status machine", () => {
  it("follows pending → processing → shipped → delivered, with hold, cancel and refund exits", () => {
    expect(canTransition("pending", "processing")).toBe(true);
    expect(canTransition("processing", "shipped")).toBe(true);
    expect(canTransition("shipped", "delivered")).toBe(true);
    expect(canTransition("processing", "on_hold")).toBe(true);
    expect(canTransition("on_hold", "processing")).toBe(true);
    expect(canTransition("delivered", "refunded")).toBe(true);
    expect(canTransition("pending", "shipped")).toBe(false);
    expect(canTransition("shipped", "cancelled")).toBe(false);
    expect(canTransition("delivered", "processing")).toBe(false);
    for (const to of ORDER_STATUSES) {
      expect(canTransition("cancelled", to)).toBe(false);
      expect(canTransition("refunded", to)).toBe(false);
    }
    // No status may transition to itself: every transition is a real change with an event.
    for (const status of ORDER_STATUSES) expect(ORDER_TRANSITIONS[status]).not.toContain(status);
  });

  it("walks a paid order to delivered, stamping the times and writing an event per move", async () => {
    const orderId = await paidOrder();
    for (const to of ["shipped", "delivered"] as OrderStatus[]) {
      await writeTransaction((tx) => transitionOrderStatus(tx, { orderId, to, actor: "admin:owner" }));
    }
    await withFreshClient(async (db) => {
      const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
      expect(order).toMatchObject({ status: "delivered" });
      expect(order!.shippedAt).not.toBeNull();
      expect(order!.deliveredAt).not.toBeNull();
    });
    const moves = (await eventsOf(orderId)).filter((event) => event.type === "status_changed").map((event) => event.data);
    expect(moves.slice(-2)).toEqual([
      { from: "processing", to: "shipped" },
      { from: "shipped", to: "delivered" },
    ]);
  });

  it("refuses an illegal move with 409 illegal_transition and writes nothing", async () => {
    const orderId = await paidOrder();
    const before = await eventsOf(orderId);
    const attempt = writeTransaction((tx) => transitionOrderStatus(tx, { orderId, to: "delivered", actor: "admin:owner" }));
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "illegal_transition", details: { from: "processing", to: "delivered" } });
    expect(httpStatusOf((await attempt.catch((error: unknown) => error)) as AppError)).toBe(409);
    expect(await eventsOf(orderId)).toEqual(before);
    await withFreshClient(async (db) => {
      const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
      expect(order!.status).toBe("processing");
    });
  });

  it("cancelling writes both the status change and a cancelled event; a cancelled order cannot be revived", async () => {
    const orderId = await paidOrder();
    await writeTransaction((tx) => transitionOrderStatus(tx, { orderId, to: "cancelled", actor: "admin:owner", reason: "customer asked" }));
    const types = (await eventsOf(orderId)).map((event) => event.type);
    expect(types.slice(-2)).toEqual(["status_changed", "cancelled"]);
    await expect(writeTransaction((tx) => transitionOrderStatus(tx, { orderId, to: "processing", actor: "admin:owner" }))).rejects.toMatchObject({
      code: "illegal_transition",
    });
  });

  it("answers not_found for an order that does not exist", async () => {
    await expect(writeTransaction((tx) => transitionOrderStatus(tx, { orderId: 999_999, to: "shipped", actor: "system" }))).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
