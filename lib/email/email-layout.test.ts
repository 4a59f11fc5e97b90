import { afterEach, describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { env } from "@/lib/env";
import { getSettings, saveSettings } from "@/lib/settings";
import { createOrderWithQueuedEmail } from "@/tests/factories/emails";
import { orderConfirmationProps, renderOrderConfirmation } from "./order-confirmation-email";
import { renderShippingConfirmation } from "./shipping-confirmation";

afterEach(async () => {
  await writeTransaction((tx) => saveSettings(tx, { logoUrl: null, traderName: "", traderAddress: "" }));
});

/** Both shop emails for one order, rendered from the settings as they are now. */
async function bothEmails() {
  const { orderId } = await createOrderWithQueuedEmail();
  const read = await db();
  const settings = await getSettings(read);
  const shipping = await renderShippingConfirmation(read, orderId, { carrier: "DPD", trackingNumber: "155", trackingUrl: null });
  const order = { orderNumber: "HD-1", lookupToken: "t", status: "processing" as const, currency: "GBP", subtotal: 1000, discountTotal: 0, discountCode: null, shippingTotal: 0, shippingMethod: null, total: 1000, shippingAddress: null };
  const confirmation = await renderOrderConfirmation(orderConfirmationProps({ order, items: [], settings }));
  return [confirmation, shipping];
}

describe("every shop email's shell", () => {
  it("declares the phone viewport inside its head, and shows no logo while none is set", async () => {
    for (const email of await bothEmails()) {
      const head = email.html.slice(email.html.indexOf("<head>"), email.html.indexOf("</head>"));
      expect(head).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"');
      expect(email.html).not.toContain("<img");
    }
  });

  it("shows an uploaded logo by its absolute address on this shop, named by the store", async () => {
    await writeTransaction((tx) => saveSettings(tx, { logoUrl: "/uploads/photos/logo.png" }));
    const expected = new URL("/uploads/photos/logo.png", env().APP_URL).toString();
    expect(expected).toMatch(/^https?:\/\/[^/]+\/uploads\/photos\/logo\.png$/);
    for (const email of await bothEmails()) {
      expect(email.html).toContain(`<img alt="Hedgerow Dye Works" height="56" src="${expected}"`);
    }
  });

  it("shows a logo kept elsewhere by its own https address, and the trader details under the message", async () => {
    await writeTransaction((tx) => saveSettings(tx, { logoUrl: "https://cdn.example.com/logo.png", traderName: "Hedgerow Dye Works Ltd", traderAddress: "1 Mill Lane\nHebden Bridge" }));
    for (const email of await bothEmails()) {
      expect(email.html).toContain('src="https://cdn.example.com/logo.png"');
      expect(email.text).toContain("Hedgerow Dye Works Ltd, 1 Mill Lane, Hebden Bridge");
    }
  });
});
