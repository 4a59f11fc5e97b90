import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { emailOutbox, orderEvents } from "@/lib/db/schema";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { createCheckout } from "@/tests/factories/checkout";
import { createVariant } from "@/tests/factories/product";
import { deliver } from "@/tests/factories/webhook";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { queueEmail } from "./queue-email";

describe("the email outbox", () => {
  it("keeps one email per order and kind: queuing it again is a no-op", async () => {
    const variant = await createVariant({ stock: 3 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const { orderId } = await (await deliver(buildCheckoutSessionEvent(checkout))).json();
    const again = await writeTransaction((tx) =>
      queueEmail(tx, { orderId, kind: "order_confirmation", to: "ada@example.com", email: { subject: "again", html: "<p>again</p>", text: "again" } }),
    );
    expect(again).toEqual({ queued: false, id: null });
    await withFreshClient(async (db) => {
      const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ idempotencyKey: `order_confirmation/${orderId}`, attempts: 0, status: "pending" });
      const queuedEvents = (await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter((event) => event.type === "email_queued");
      expect(queuedEvents).toHaveLength(1);
    });
  });
});
