import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { checkouts, emailOutbox, orders } from "@/lib/db/schema";
import { adjustStock } from "@/lib/inventory/stock";
import { changeOrderStatus } from "./change-order-status";
import { createPaidOrder } from "./create-order";
import { planPaidOrder } from "./paid-order-plan";
import { preparePlan, withPreparedPaidOrder } from "./write-paid-order";
import { saveSettings } from "@/lib/settings";
import { paymentFactsFromSession, stripeCheckoutSession } from "@/lib/webhooks/stripe-objects";
import { createCheckout } from "@/tests/factories/checkout";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { buildCheckoutSessionEvent, type SessionEventOptions } from "@/tests/factories/stripe-event";
import { deliver, deliverUnderLock } from "@/tests/factories/webhook";

async function paidCheckout(label: string) {
  const yarn = await createVariant({ price: 1800, stock: 4 });
  const checkout = await createCheckout({ lines: [{ variant: yarn, quantity: 2 }], email: `${label}-${Math.random().toString(36).slice(2, 8)}@example.com` });
  return { yarn, checkout };
}

/** The order of a checkout and every owner alert about it, read through a fresh client. */
async function alertsFor(checkoutId: string) {
  return withFreshClient(async (reader) => {
    const [order] = await reader.select().from(orders).where(eq(orders.checkoutId, checkoutId));
    const alerts = await reader.select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id));
    return { order: order!, alerts: alerts.filter((row) => row.kind === "owner_alert") };
  });
}

const WRONG_AMOUNT: SessionEventOptions = { amountTotal: 999 };

describe("the owner's alert about a paid order", () => {
  for (const path of ["batch", "lock"] as const) {
    it(`an order the payment puts on hold gets one alert, however often the event comes (${path})`, async () => {
      const { checkout } = await paidCheckout(`hold-${path}`);
      const event = buildCheckoutSessionEvent(checkout, WRONG_AMOUNT);
      const send = path === "batch" ? deliver : deliverUnderLock;
      expect((await send(event)).status).toBe(200);
      expect((await send(event)).status).toBe(200);
      // A second event for the same payment (Stripe's async success after completed): still one.
      expect((await send(buildCheckoutSessionEvent(checkout, WRONG_AMOUNT))).status).toBe(200);

      const { order, alerts } = await alertsFor(checkout.id);
      expect(order).toMatchObject({ status: "on_hold", flags: ["payment_mismatch"] });
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ idempotencyKey: `owner_alert/order_on_hold/${order.id}/payment_mismatch`, toAddress: "hello@hedgerow.example", status: "pending" });
      expect(alerts[0]!.subject).toBe(`Hedgerow Dye Works: ${order.orderNumber} is on hold`);
      expect(alerts[0]!.text).toContain("payment does not match the quote");
      expect(alerts[0]!.html).toContain(`/admin/orders/${order.id}"`);
      expect(alerts[0]!.html).not.toMatch(/sqlslot_/i);
      // The plain text upper-cases the heading with the number in it: the slot is filled there too.
      expect(alerts[0]!.text).not.toMatch(/sqlslot_/i);
      expect(alerts[0]!.text.toUpperCase()).toContain(order.orderNumber.toUpperCase());
    });
  }

  it("a hold found only under the lock (stock sold after the alert-less plan was rendered) is alerted, rendered again before the lock", async () => {
    const { yarn, checkout } = await paidCheckout("late-hold");
    const row = (await (await db()).select().from(checkouts).where(eq(checkouts.id, checkout.id)))[0]!;
    const facts = paymentFactsFromSession(stripeCheckoutSession.parse(buildCheckoutSessionEvent(checkout).data.object));
    const planned = await planPaidOrder(await db(), { checkout: row, facts, actor: "webhook" });
    if (!("plan" in planned)) throw new Error("expected a plan");
    const early = await preparePlan(planned.plan);
    expect(early.alert).toBeNull();

    // The owner counts the yarn again and finds it gone: under the lock the order falls short.
    await writeTransaction((tx) => adjustStock(tx, { variantId: yarn.variantId, delta: -4, reason: "cycle_count" }));
    let renders = 0;
    await withPreparedPaidOrder(
      async () => early,
      (prepared) => {
        renders += 1;
        return writeTransaction((tx) => createPaidOrder(tx, { checkout: row, facts, actor: "webhook", prepared }));
      },
    );
    expect(renders).toBe(2);
    const { order, alerts } = await alertsFor(checkout.id);
    expect(order.flags).toEqual(["stock_shortfall"]);
    expect(alerts.map((alert) => alert.idempotencyKey)).toEqual([`owner_alert/order_on_hold/${order.id}/stock_shortfall`]);
  });

  it("a new paid order is alerted only when the owner switched that on; a held one without its hold alert counts as new", async () => {
    const quiet = await paidCheckout("quiet");
    await deliver(buildCheckoutSessionEvent(quiet.checkout));
    expect((await alertsFor(quiet.checkout.id)).alerts).toEqual([]);

    await writeTransaction((tx) => saveSettings(tx, { alertNewOrder: true, alertEmail: "owner@hedgerow.example" }));
    const told = await paidCheckout("told");
    await deliver(buildCheckoutSessionEvent(told.checkout));
    const { order, alerts } = await alertsFor(told.checkout.id);
    expect(alerts.map((alert) => [alert.idempotencyKey, alert.toAddress, alert.subject])).toEqual([
      [`owner_alert/new_paid_order/${order.id}`, "owner@hedgerow.example", `Hedgerow Dye Works: new order ${order.orderNumber}`],
    ]);

    await writeTransaction((tx) => saveSettings(tx, { alertOnHold: false }));
    const held = await paidCheckout("held-new");
    await deliverUnderLock(buildCheckoutSessionEvent(held.checkout, WRONG_AMOUNT));
    const heldOrder = await alertsFor(held.checkout.id);
    expect(heldOrder.alerts.map((alert) => alert.idempotencyKey)).toEqual([`owner_alert/new_paid_order/${heldOrder.order.id}`]);

    await writeTransaction((tx) => saveSettings(tx, { alertNewOrder: false }));
    const silent = await paidCheckout("held-silent");
    await deliver(buildCheckoutSessionEvent(silent.checkout, WRONG_AMOUNT));
    expect((await alertsFor(silent.checkout.id)).alerts).toEqual([]);
  });

  it("the owner's own hold from the admin sends nothing", async () => {
    const { checkout } = await paidCheckout("own-hold");
    await deliver(buildCheckoutSessionEvent(checkout));
    const { order } = await alertsFor(checkout.id);
    await changeOrderStatus({ orderId: order.id, to: "on_hold", reason: "checking the colour", actor: "owner" });
    const after = await withFreshClient((reader) => reader.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, "owner_alert/%")));
    expect(after.filter((row) => row.orderId === order.id)).toEqual([]);
  });
});
