import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { emailOutbox, orders } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { emailEventsOf, restoreTransportEnv, useResendTransport } from "@/tests/factories/emails";
import { createCheckout } from "@/tests/factories/checkout";
import { createVariant } from "@/tests/factories/product";
import { deliver } from "@/tests/factories/webhook";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { startResendStandIn, type ResendStandIn } from "@/tests/helpers/resend-stand-in";
import { GET } from "./route";

function cron(authorization?: string) {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  return GET(new NextRequest("http://localhost/api/cron/send-emails", { headers }), { params: Promise.resolve({}) });
}

const bearer = () => `Bearer ${env().CRON_SECRET}`;

let standIn: ResendStandIn;
beforeAll(async () => {
  standIn = await startResendStandIn();
});
afterAll(() => standIn.close());
afterEach(() => {
  vi.useRealTimers();
  restoreTransportEnv();
});

describe("GET /api/cron/send-emails", () => {
  it("answers 401 JSON without the cron secret, or with a wrong one, and sends nothing", async () => {
    useResendTransport(standIn.url);
    for (const header of [undefined, "Bearer wrong", `Basic ${env().CRON_SECRET}`]) {
      const response = await cron(header);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
    expect(standIn.requests).toHaveLength(0);
  });

  it("with Resend failing first and then succeeding, a purchase's confirmation is sent exactly once with its provider id", async () => {
    useResendTransport(standIn.url);
    standIn.script({ status: 502, name: "application_error", message: "Bad gateway" });
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }], email: "buyer@example.com" });

    // The purchase: the signed event through the real webhook route queues the confirmation.
    const purchase = await deliver(buildCheckoutSessionEvent(checkout));
    expect(purchase.status).toBe(200);
    const { orderId } = await purchase.json();

    const first = await cron(bearer());
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, sent: 0, retried: 1, failed: 0 });

    // Stripe delivers the same event again; nothing new is queued.
    expect((await (await deliver(buildCheckoutSessionEvent(checkout))).json()).orderId).toBe(orderId);

    vi.setSystemTime(new Date(Date.now() + 61_000));
    expect(await (await cron(bearer())).json()).toEqual({ ok: true, sent: 1, retried: 0, failed: 0 });
    expect(await (await cron(bearer())).json()).toEqual({ ok: true, sent: 0, retried: 0, failed: 0 });

    const key = `order_confirmation/${orderId}`;
    const attempts = standIn.requestsFor(key);
    expect(attempts).toHaveLength(2);
    expect(attempts.map((request) => request.body.to)).toEqual(["buyer@example.com", "buyer@example.com"]);
    expect(standIn.accepted.size).toBe(1);

    await withFreshClient(async (db) => {
      const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "order_confirmation", status: "sent", attempts: 2, providerMessageId: standIn.accepted.get(key) });
      const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
      expect(rows[0]!.subject).toContain(order!.orderNumber);
      const events = await emailEventsOf(db, orderId);
      expect(events.map((event) => event.type)).toEqual(["email_queued", "email_sent"]);
      expect(events[1]!.data).toMatchObject({ providerMessageId: standIn.accepted.get(key), attempts: 2 });
    });
  });
});
