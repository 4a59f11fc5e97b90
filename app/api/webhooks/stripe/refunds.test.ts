// Stripe's refund events through the real route, signed, delivered twice and out of order; re-read through a fresh client.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailOutbox, orderEvents, orders, refunds } from "@/lib/db/schema";
import { createAdminOrder } from "@/tests/factories/admin-orders";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { buildChargeRefundedEvent, buildRefundEvent, newStripeId } from "@/tests/factories/stripe-event";
import { deliver } from "@/tests/factories/webhook";

async function stateOf(orderId: number) {
  return withFreshClient(async (db) => {
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
    const outbox = await db.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId)).orderBy(emailOutbox.id);
    return {
      order: order!,
      refunds: await db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(refunds.id),
      eventTypes: events.map((event) => event.type),
      events,
      refundEmails: outbox.filter((row) => row.kind === "refund_issued"),
      alerts: outbox.filter((row) => row.kind === "owner_alert"),
    };
  });
}

async function deliverOk(event: ReturnType<typeof buildRefundEvent>) {
  const response = await deliver(event);
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; note: string };
}

describe("POST /api/webhooks/stripe – refund records", () => {
  it("two partial refunds are two rows and two refund emails; each event delivered twice changes nothing more", async () => {
    const order = await createAdminOrder();
    const pi = order.paymentIntentId!;
    const first = buildRefundEvent({ type: "refund.created", refundId: newStripeId("re"), paymentIntentId: pi, amount: 500, status: "succeeded", reason: "requested_by_customer" });
    const second = buildRefundEvent({ type: "refund.created", refundId: newStripeId("re"), paymentIntentId: pi, amount: 700, status: "succeeded" });
    for (const event of [first, first, second, second]) await deliverOk(event);
    expect((await deliverOk(first)).status).toBe("duplicate");

    const state = await stateOf(order.id);
    expect(state.order).toMatchObject({ amountRefunded: 1200, paymentStatus: "partially_refunded", status: "processing" });
    expect(state.refunds.map((row) => [row.amount, row.status, row.actor])).toEqual([
      [500, "succeeded", "webhook"],
      [700, "succeeded", "webhook"],
    ]);
    expect(state.refundEmails.map((row) => row.idempotencyKey)).toEqual([`refund_issued/${first.data.object.id}`, `refund_issued/${second.data.object.id}`]);
    expect(state.refundEmails[0]!.html).toContain("£5.00");
    expect(state.refundEmails[0]!.text).toContain("You asked us for this refund.");
    expect(state.refundEmails[0]!.text).toContain("5–10 working days");
    expect(state.refundEmails[1]!.html).toContain("£7.00");
    expect(state.eventTypes.filter((type) => type === "refunded")).toHaveLength(2);
  });

  it("the same refund reported again under another event id (refund.updated and charge.refund.updated) is one email", async () => {
    const order = await createAdminOrder();
    const refundId = newStripeId("re");
    for (const type of ["refund.updated", "charge.refund.updated", "refund.created"] as const) {
      await deliverOk(buildRefundEvent({ type, refundId, paymentIntentId: order.paymentIntentId!, amount: 400, status: "succeeded" }));
    }
    const state = await stateOf(order.id);
    expect(state.refunds).toHaveLength(1);
    expect(state.refundEmails).toHaveLength(1);
    expect(state.order.amountRefunded).toBe(400);
  });

  it("a refund that fails after it succeeded lowers the amount and the payment status, writes refund_failed and alerts the owner once", async () => {
    const order = await createAdminOrder();
    const refundId = newStripeId("re");
    const pi = order.paymentIntentId!;
    await deliverOk(buildRefundEvent({ type: "refund.created", refundId, paymentIntentId: pi, amount: 600, status: "succeeded" }));
    expect((await stateOf(order.id)).order).toMatchObject({ amountRefunded: 600, paymentStatus: "partially_refunded" });

    const failed = buildRefundEvent({ type: "refund.failed", refundId, paymentIntentId: pi, amount: 600, status: "failed", failureReason: "expired_or_canceled_card" });
    await deliverOk(failed);
    await deliverOk(failed);
    await deliverOk(buildRefundEvent({ type: "charge.refund.updated", refundId, paymentIntentId: pi, amount: 600, status: "failed", failureReason: "expired_or_canceled_card" }));
    // A late `succeeded` (out of order) cannot bring a failed refund back.
    await deliverOk(buildRefundEvent({ type: "refund.updated", refundId, paymentIntentId: pi, amount: 600, status: "succeeded" }));

    const state = await stateOf(order.id);
    expect(state.order).toMatchObject({ amountRefunded: 0, paymentStatus: "paid", status: "processing" });
    expect(state.refunds[0]).toMatchObject({ status: "failed", failureReason: "expired_or_canceled_card" });
    const failures = state.events.filter((event) => event.type === "refund_failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]!.message).toContain("£6.00");
    expect(failures[0]!.message).toContain("expired or canceled card");
    expect(state.alerts).toHaveLength(1);
    expect(state.alerts[0]!.idempotencyKey).toBe(`owner_alert/refund_failed/${refundId}`);
    expect(state.alerts[0]!.html).toContain(`/admin/orders/${order.id}`);
    expect(state.refundEmails).toHaveLength(1);
  });

  it("a full refund that fails leaves the order refunded (nothing leaves that status) but its payment paid again", async () => {
    const order = await createAdminOrder();
    const refundId = newStripeId("re");
    await deliverOk(buildRefundEvent({ refundId, paymentIntentId: order.paymentIntentId!, amount: order.total, status: "succeeded" }));
    expect((await stateOf(order.id)).order).toMatchObject({ status: "refunded", paymentStatus: "refunded", amountRefunded: order.total });

    await deliverOk(buildRefundEvent({ refundId, paymentIntentId: order.paymentIntentId!, amount: order.total, status: "canceled" }));
    const state = await stateOf(order.id);
    expect(state.order).toMatchObject({ status: "refunded", paymentStatus: "paid", amountRefunded: 0 });
    expect(state.events.find((event) => event.type === "refund_failed")!.message).toContain("was canceled");
    expect(state.alerts).toHaveLength(1);
  });

  it("a failed refund arriving before its succeeded stays failed: nothing counted, no refund email", async () => {
    const order = await createAdminOrder();
    const refundId = newStripeId("re");
    await deliverOk(buildRefundEvent({ type: "refund.failed", refundId, paymentIntentId: order.paymentIntentId!, amount: 300, status: "failed" }));
    await deliverOk(buildRefundEvent({ type: "refund.created", refundId, paymentIntentId: order.paymentIntentId!, amount: 300, status: "succeeded" }));
    const state = await stateOf(order.id);
    expect(state.order).toMatchObject({ amountRefunded: 0, paymentStatus: "paid" });
    expect(state.refundEmails).toHaveLength(0);
    expect(state.alerts).toHaveLength(1);
  });

  it("pending counts as refunded without an email; succeeded then sends it; a late pending does not move it back", async () => {
    const order = await createAdminOrder();
    const refundId = newStripeId("re");
    const pi = order.paymentIntentId!;
    await deliverOk(buildRefundEvent({ type: "refund.created", refundId, paymentIntentId: pi, amount: 800, status: "pending" }));
    let state = await stateOf(order.id);
    expect(state.order).toMatchObject({ amountRefunded: 800, paymentStatus: "partially_refunded" });
    expect(state.refundEmails).toHaveLength(0);

    await deliverOk(buildRefundEvent({ refundId, paymentIntentId: pi, amount: 800, status: "succeeded" }));
    await deliverOk(buildRefundEvent({ refundId, paymentIntentId: pi, amount: 800, status: "pending" }));
    state = await stateOf(order.id);
    expect(state.refunds[0]!.status).toBe("succeeded");
    expect(state.refundEmails).toHaveLength(1);
    expect(state.eventTypes.filter((type) => type === "refunded")).toHaveLength(1);
  });

  it("refund events before charge.refunded, and the charge's total after: counted once", async () => {
    const order = await createAdminOrder();
    const pi = order.paymentIntentId!;
    const refundId = newStripeId("re");
    await deliverOk(buildRefundEvent({ refundId, paymentIntentId: pi, amount: 500, status: "succeeded" }));
    await deliver(buildChargeRefundedEvent({ paymentIntentId: pi, amount: order.total, amountRefunded: 500 }));
    let state = await stateOf(order.id);
    expect(state.order).toMatchObject({ amountRefunded: 500, chargeRefundedAmount: 500 });
    expect(state.eventTypes.filter((type) => type === "refunded")).toHaveLength(1);

    // The refund then fails: the charge's reported total still includes it, the failure nets it out.
    await deliverOk(buildRefundEvent({ type: "refund.failed", refundId, paymentIntentId: pi, amount: 500, status: "failed" }));
    state = await stateOf(order.id);
    expect(state.order).toMatchObject({ amountRefunded: 0, paymentStatus: "paid" });
  });

  it("a dashboard refund seen only as charge.refunded still counts, and its refund event later adds nothing", async () => {
    const order = await createAdminOrder();
    const pi = order.paymentIntentId!;
    await deliver(buildChargeRefundedEvent({ paymentIntentId: pi, amount: order.total, amountRefunded: 900 }));
    expect((await stateOf(order.id)).order).toMatchObject({ amountRefunded: 900, paymentStatus: "partially_refunded" });
    await deliverOk(buildRefundEvent({ refundId: newStripeId("re"), paymentIntentId: pi, amount: 900, status: "succeeded" }));
    const state = await stateOf(order.id);
    expect(state.order.amountRefunded).toBe(900);
    expect(state.eventTypes.filter((type) => type === "refunded")).toHaveLength(1);
    expect(state.refundEmails).toHaveLength(1);
  });

  it("a refund of a payment that is not one of our orders is acknowledged and recorded as ignored", async () => {
    const refundId = newStripeId("re");
    const outcome = await deliverOk(buildRefundEvent({ refundId, paymentIntentId: "pi_someone_else", amount: 100, status: "succeeded" }));
    expect(outcome.status).toBe("ignored");
    expect(await withFreshClient((db) => db.select().from(refunds).where(and(eq(refunds.providerRefundId, refundId))))).toHaveLength(0);
  });
});
