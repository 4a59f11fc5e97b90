// Stripe's dispute events through the real, signed webhook route; fulfilment refused through the real admin route.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDashboard } from "@/lib/analytics/dashboard";
import { db } from "@/lib/db";
import { disputes, emailOutbox, orderEvents, orders } from "@/lib/db/schema";
import { holdReasonLabel } from "@/lib/orders/hold-reasons";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createAdminOrder } from "@/tests/factories/admin-orders";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { newStripeId } from "@/tests/factories/stripe-event";
import { buildDisputeEvent, type DisputeEventParams } from "@/tests/factories/stripe-dispute-event";
import { deliver } from "@/tests/factories/webhook";
import { POST as fulfilPost } from "@/app/api/admin/orders/[id]/fulfill/route";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

async function deliverOk(params: DisputeEventParams) {
  const response = await deliver(buildDisputeEvent(params));
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; note: string; orderId: number | null };
}

function stateOf(orderId: number) {
  return withFreshClient(async (fresh) => ({
    order: (await fresh.select().from(orders).where(eq(orders.id, orderId)))[0]!,
    disputes: await fresh.select().from(disputes).where(eq(disputes.orderId, orderId)),
    events: await fresh.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id),
    alerts: await fresh.select().from(emailOutbox).where(and(eq(emailOutbox.orderId, orderId), eq(emailOutbox.kind, "owner_alert"))),
  }));
}

async function paidOrder(status: "processing" | "shipped" | "on_hold" = "processing", flags: string[] = []) {
  const paymentIntentId = newStripeId("pi");
  const order = await createAdminOrder({ paymentIntentId, status, flags });
  return { order, paymentIntentId, disputeId: newStripeId("du") };
}

describe("charge.dispute.created", () => {
  it("records the dispute, flags and holds the order, says so in words, alerts the owner once, and a second delivery changes nothing", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder();
    const event = buildDisputeEvent({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response" });
    const first = await deliver(event);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: "processed", orderId: order.id });

    const state = await stateOf(order.id);
    expect(state.disputes).toHaveLength(1);
    expect(state.disputes[0]).toMatchObject({
      providerDisputeId: disputeId,
      amount: 2400,
      currency: "GBP",
      reason: "fraudulent",
      status: "needs_response",
      evidenceDueBy: "2026-12-12T12:00:00.000Z",
      closedAt: null,
    });
    expect(state.disputes[0]!.chargeId).toMatch(/^ch_/);
    expect(state.order.status).toBe("on_hold");
    expect(state.order.flags).toEqual(["disputed"]);
    const disputed = state.events.find((row) => row.type === "disputed");
    expect(disputed?.message).toBe("The shopper's bank opened a dispute for £24.00 (fraudulent); evidence due by 12 Dec 2026.");
    const hold = state.events.find((row) => row.type === "status_changed");
    expect(hold?.data).toMatchObject({ from: "processing", to: "on_hold", cause: "disputed" });
    expect(state.alerts).toHaveLength(1);
    expect(state.alerts[0]!.idempotencyKey).toBe(`owner_alert/dispute_opened/${disputeId}`);
    expect(state.alerts[0]!.html).toContain(`https://dashboard.stripe.com/test/disputes/${disputeId}`);
    expect(state.alerts[0]!.text).toContain(`/admin/orders/${order.id}`);
    expect(state.alerts[0]!.text).toContain("12 Dec 2026");

    const { attention } = await getDashboard(await db());
    const held = attention.orders.find((row) => row.id === order.id);
    expect(held?.reason?.type).toBe("disputed");
    expect(holdReasonLabel(held!.reason!.type)).toBe("Disputed");

    const again = await deliver(event);
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    const redelivered = await deliverOk({ type: "charge.dispute.funds_withdrawn", disputeId, paymentIntentId, status: "needs_response" });
    expect(redelivered.status).toBe("processed");
    const after = await stateOf(order.id);
    expect(after.disputes).toHaveLength(1);
    expect(after.events.map((row) => row.type)).toEqual(state.events.map((row) => row.type));
    expect(after.alerts).toHaveLength(1);
    expect(after.order.status).toBe("on_hold");
  });

  it("links a live dispute to the live dashboard", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder();
    await deliverOk({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response", livemode: true });
    const { alerts } = await stateOf(order.id);
    expect(alerts[0]!.html).toContain(`https://dashboard.stripe.com/disputes/${disputeId}`);
  });

  it("on an order already shipped: the event and the alert, no change of status", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder("shipped");
    await deliverOk({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response" });
    const state = await stateOf(order.id);
    expect(state.order.status).toBe("shipped");
    expect(state.order.flags).toEqual(["disputed"]);
    expect(state.events.filter((row) => row.type === "disputed")).toHaveLength(1);
    expect(state.events.some((row) => row.type === "status_changed")).toBe(false);
    expect(state.alerts).toHaveLength(1);
    expect(state.alerts[0]!.text).toContain("already shipped");
  });

  it("acknowledges a dispute on a payment this shop does not know with 200, writes nothing and logs it", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const disputeId = newStripeId("du");
    const body = await deliverOk({ type: "charge.dispute.created", disputeId, paymentIntentId: newStripeId("pi"), status: "needs_response" });
    expect(body).toMatchObject({ status: "ignored", orderId: null });
    expect(info).toHaveBeenCalledWith(expect.stringContaining(disputeId));
    info.mockRestore();
    const rows = await withFreshClient((fresh) => fresh.select().from(disputes).where(eq(disputes.providerDisputeId, disputeId)));
    expect(rows).toEqual([]);
  });

  it("refuses a malformed dispute with 400 and writes nothing", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder();
    const event = buildDisputeEvent({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response" });
    (event.data.object as Record<string, unknown>).amount = "24.00";
    expect((await deliver(event)).status).toBe(400);
    expect((await stateOf(order.id)).disputes).toEqual([]);
  });
});

describe("charge.dispute.updated / closed", () => {
  it("won releases the dispute's hold: the flag goes and the order returns to processing", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder();
    await deliverOk({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response" });
    await deliverOk({ type: "charge.dispute.updated", disputeId, paymentIntentId, status: "under_review" });
    expect((await stateOf(order.id)).order.status).toBe("on_hold");
    await deliverOk({ type: "charge.dispute.closed", disputeId, paymentIntentId, status: "won" });

    const state = await stateOf(order.id);
    expect(state.disputes[0]).toMatchObject({ status: "won" });
    expect(state.disputes[0]!.closedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(state.order).toMatchObject({ status: "processing", flags: [] });
    const updates = state.events.filter((row) => row.type === "dispute_updated").map((row) => row.message);
    expect(updates).toEqual(["The dispute is now: under review by the bank.", "The dispute was won: the money stays with the shop."]);
    const release = state.events.filter((row) => row.type === "status_changed").at(-1);
    expect(release?.data).toMatchObject({ from: "on_hold", to: "processing" });
  });

  it("won leaves a hold that was not the dispute's (a stock shortfall) for the owner", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder("on_hold", ["stock_shortfall"]);
    await deliverOk({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response" });
    await deliverOk({ type: "charge.dispute.closed", disputeId, paymentIntentId, status: "won" });
    const state = await stateOf(order.id);
    expect(state.order).toMatchObject({ status: "on_hold", flags: ["stock_shortfall"] });
  });

  it("closed (won) arriving before created ends won, with no hold, and the late created cannot reopen it", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder();
    await deliverOk({ type: "charge.dispute.closed", disputeId, paymentIntentId, status: "won" });
    await deliverOk({ type: "charge.dispute.updated", disputeId, paymentIntentId, status: "under_review" });
    await deliverOk({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response" });
    const state = await stateOf(order.id);
    expect(state.disputes).toHaveLength(1);
    expect(state.disputes[0]).toMatchObject({ status: "won" });
    expect(state.order).toMatchObject({ status: "processing", flags: [] });
    expect(state.events.some((row) => row.type === "status_changed")).toBe(false);
    expect(state.events.filter((row) => row.type === "disputed")).toHaveLength(1);
    expect(state.alerts).toHaveLength(1);
  });

  it("lost keeps the order flagged and held, and a late update cannot reopen it", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder();
    await deliverOk({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response" });
    await deliverOk({ type: "charge.dispute.closed", disputeId, paymentIntentId, status: "lost" });
    await deliverOk({ type: "charge.dispute.updated", disputeId, paymentIntentId, status: "under_review" });
    const state = await stateOf(order.id);
    expect(state.disputes[0]).toMatchObject({ status: "lost", amount: 2400 });
    expect(state.order).toMatchObject({ status: "on_hold", flags: ["disputed"] });
    expect(state.events.filter((row) => row.type === "dispute_updated").map((row) => row.message)).toEqual([
      "The dispute was lost: the bank took back £24.00. Do not ship this order.",
    ]);
  });
});

describe("POST /api/admin/orders/[id]/fulfill on a disputed order", () => {
  const fulfil = (orderId: number) =>
    fulfilPost(adminRequest(`/api/admin/orders/${orderId}/fulfill`, { method: "POST", body: { carrier: "Royal Mail", trackingNumber: "RM1" }, cookie: ownerCookie() }), {
      params: Promise.resolve({ id: String(orderId) }),
    });

  it("is refused with 409 `disputed` and the reason, writing nothing; once the dispute is won it ships", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder();
    await deliverOk({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "needs_response" });
    const before = await stateOf(order.id);

    const refused = await fulfil(order.id);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "disputed", message: expect.stringContaining("disputing this payment") } });
    const after = await stateOf(order.id);
    expect(after.order).toEqual(before.order);
    expect(after.events).toHaveLength(before.events.length);

    await deliverOk({ type: "charge.dispute.closed", disputeId, paymentIntentId, status: "won" });
    expect((await fulfil(order.id)).status).toBe(200);
  });

  it("is refused while a dispute on a shipped order is open, even for a tracking correction", async () => {
    const { order, paymentIntentId, disputeId } = await paidOrder("shipped");
    await deliverOk({ type: "charge.dispute.created", disputeId, paymentIntentId, status: "warning_needs_response" });
    const refused = await fulfil(order.id);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "disputed" } });
  });
});
