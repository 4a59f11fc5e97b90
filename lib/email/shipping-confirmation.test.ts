import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { emailOutbox, orderEvents, orders } from "@/lib/db/schema";
import { createOrderWithQueuedEmail } from "@/tests/factories/emails";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { queueOrderEmail } from "@/lib/orders/queue-order-email";
import { saveSettings } from "@/lib/settings";
import { renderShippingConfirmation } from "./shipping-confirmation";

async function orderRow(orderId: number) {
  const [order] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, orderId)));
  return order!;
}

describe("the shipping confirmation", () => {
  it("shows the order number, carrier, tracking number and link, what was shipped, where, and the token link, in HTML and text", async () => {
    const { orderId } = await createOrderWithQueuedEmail();
    const order = await orderRow(orderId);
    const email = await renderShippingConfirmation(await db(), orderId, { carrier: "Royal Mail", trackingNumber: "AB123456789GB", trackingUrl: null });

    expect(email.subject).toBe(`Hedgerow Dye Works: order ${order.orderNumber} is on its way`);
    const trackingLink = "https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB";
    const orderLink = `/order/${order.orderNumber}?token=${order.lookupToken}`;
    for (const part of [email.html, email.text]) {
      expect(part).toContain(order.orderNumber);
      expect(part).toContain("Royal Mail");
      expect(part).toContain("AB123456789GB");
      expect(part).toContain(trackingLink);
      expect(part).toContain(orderLink);
      expect(part).toContain("1 × Moorland Merino – Heather / 4ply");
      expect(part).toContain("1 Mill Lane, Hebden Bridge, HX7 8AB, United Kingdom");
      expect(part).toContain("Hedgerow Dye Works");
    }
    expect(email.html).toContain('lang="en-GB"');
    expect(email.html).toContain("max-width:560px");
  });

  it("ends with the shop's legal trader details once the owner has set them", async () => {
    const { orderId } = await createOrderWithQueuedEmail();
    const shipment = { carrier: "Royal Mail", trackingNumber: "AB123456789GB", trackingUrl: null };
    expect((await renderShippingConfirmation(await db(), orderId, shipment)).text).not.toContain("VAT number");
    await writeTransaction((tx) => saveSettings(tx, { traderName: "Hedgerow Dye Works", traderAddress: "1 Mill Lane\nHebden Bridge", traderVatNumber: "GB123456789" }));
    try {
      const email = await renderShippingConfirmation(await db(), orderId, shipment);
      for (const part of [email.html, email.text]) {
        expect(part).toContain("Hedgerow Dye Works, 1 Mill Lane, Hebden Bridge");
        expect(part).toContain("VAT number GB123456789");
        expect(part).not.toContain("Company number");
      }
    } finally {
      await writeTransaction((tx) => saveSettings(tx, { traderName: "", traderAddress: "", traderVatNumber: "" }));
    }
  });

  it("uses the link the owner typed, and shows no link for a carrier without a pattern", async () => {
    const { orderId } = await createOrderWithQueuedEmail();
    const typed = await renderShippingConfirmation(await db(), orderId, { carrier: "Yodel", trackingNumber: "JD0002", trackingUrl: "https://www.yodel.co.uk/tracking/JD0002" });
    expect(typed.html).toContain('href="https://www.yodel.co.uk/tracking/JD0002"');
    const none = await renderShippingConfirmation(await db(), orderId, { carrier: "Yodel", trackingNumber: "JD0002", trackingUrl: null });
    expect(none.html).not.toContain("Track your parcel");
    expect(none.text).toContain("JD0002");
    const unsafe = await renderShippingConfirmation(await db(), orderId, { carrier: "DPD", trackingNumber: "155", trackingUrl: "javascript:alert(1)" });
    expect(unsafe.html).not.toContain("javascript:");
    expect(unsafe.html).toContain("https://track.dpd.co.uk/parcels/155");
  });

  it("is queued once per order: the second call is a no-op", async () => {
    const { orderId } = await createOrderWithQueuedEmail({ email: "ship@example.com" });
    const email = await renderShippingConfirmation(await db(), orderId, { carrier: "DPD", trackingNumber: "155", trackingUrl: null });
    const first = await writeTransaction((tx) => queueOrderEmail(tx, { orderId, kind: "shipping_confirmation", to: "ship@example.com", email, actor: "admin:owner" }));
    const second = await writeTransaction((tx) => queueOrderEmail(tx, { orderId, kind: "shipping_confirmation", to: "ship@example.com", email, actor: "admin:owner" }));
    expect(first).toMatchObject({ queued: true });
    expect(second).toEqual({ queued: false, id: null });
    await withFreshClient(async (fresh) => {
      const rows = (await fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId))).filter((row) => row.kind === "shipping_confirmation");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ toAddress: "ship@example.com", status: "pending", idempotencyKey: `shipping_confirmation/${orderId}`, subject: email.subject, html: email.html });
      const queued = (await fresh.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter(
        (event) => event.type === "email_queued" && (event.data as { kind?: string }).kind === "shipping_confirmation",
      );
      expect(queued).toHaveLength(1);
      expect(queued[0]!.actor).toBe("admin:owner");
    });
  });

  it("refuses an order that does not exist", async () => {
    await expect(renderShippingConfirmation(await db(), 999_999, { carrier: "DPD", trackingNumber: "1", trackingUrl: null })).rejects.toMatchObject({ code: "not_found" });
  });
});
