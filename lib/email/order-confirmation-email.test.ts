import { toPlainText } from "@react-email/render";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { emailOutbox, orderItems, orders } from "@/lib/db/schema";
import { createPaidOrder } from "@/lib/orders/create-order";
import { preparePaidOrder, withPreparedPaidOrder } from "@/lib/orders/write-paid-order";
import { DEFAULT_SETTINGS, getSettings, saveSettings } from "@/lib/settings";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { paymentFactsFromSession, stripeCheckoutSession } from "@/lib/webhooks/stripe-objects";
import { createCheckout } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { createVariant } from "@/tests/factories/product";
import { deliver } from "@/tests/factories/webhook";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { ATTENTION_NOTICE } from "./order-confirmation";
import { orderConfirmationProps, renderOrderConfirmation } from "./order-confirmation-email";

// Records, for every React Email render, whether a write transaction was open at the time: a
// writeTransaction() call from inside one is refused at once, from outside it simply runs.
const renders: { insideWrite: boolean }[] = [];
vi.mock("@react-email/render", async (importOriginal) => {
  const real = await importOriginal<typeof import("@react-email/render")>();
  return {
    ...real,
    render: async (...args: Parameters<typeof real.render>) => {
      const insideWrite = await writeTransaction(async () => false).catch((error: Error) => error.message.includes("inside a write transaction"));
      renders.push({ insideWrite });
      return real.render(...args);
    },
  };
});

afterEach(async () => {
  renders.length = 0;
  vi.restoreAllMocks();
  await writeTransaction((tx) =>
    saveSettings(tx, { storeName: DEFAULT_SETTINGS.storeName, supportEmail: DEFAULT_SETTINGS.supportEmail, traderName: "", traderAddress: "", traderCompanyNumber: "", traderVatNumber: "" }),
  );
});

/** What rendering the template directly from the committed order gives. */
async function directRender(orderId: number) {
  return withFreshClient(async (fresh) => {
    const [order] = await fresh.select().from(orders).where(eq(orders.id, orderId));
    const items = await fresh
      .select({ productName: orderItems.productName, variantName: orderItems.variantName, quantity: orderItems.quantity, lineTotal: orderItems.lineTotal })
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId))
      .orderBy(orderItems.id);
    return renderOrderConfirmation(orderConfirmationProps({ order: order!, items, settings: await getSettings(fresh) }));
  });
}

async function queuedEmail(orderId: number) {
  return withFreshClient(async (fresh) => {
    const [row] = await fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId));
    return { subject: row!.subject, html: row!.html, text: row!.text };
  });
}

describe("the order confirmation rendered before the webhook's transaction", () => {
  it("is exactly what rendering the committed order gives, with its number and token link, rendered outside the writer lock", async () => {
    const variant = await createVariant({ stock: 5, price: 1250 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 2 }] });
    const { orderId } = await (await deliver(buildCheckoutSessionEvent(checkout))).json();

    expect(renders.length).toBeGreaterThan(0);
    expect(renders.every((render) => !render.insideWrite)).toBe(true);

    const queued = await queuedEmail(orderId);
    const [order] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, orderId)));
    expect(queued.subject).toBe(`Hedgerow Dye Works: order ${order!.orderNumber} confirmed`);
    expect(queued.html).toContain(`/order/${order!.orderNumber}?token=${order!.lookupToken}`);
    expect(queued.text).toContain(order!.orderNumber);
    expect(queued.html).not.toContain(ATTENTION_NOTICE);
    expect(queued.html).not.toContain("slot_");
    expect(queued.subject + queued.text).not.toContain("slot_");
    expect(queued).toEqual(await directRender(orderId));
  });

  it("ends with the shop's legal trader details once the owner has set them, and with none before", async () => {
    const variant = await createVariant({ stock: 5, price: 1250 });
    const before = await queuedEmail((await (await deliver(buildCheckoutSessionEvent(await createCheckout({ lines: [{ variant, quantity: 1 }] })))).json()).orderId);
    expect(before.text).not.toContain("Company number");
    await writeTransaction((tx) =>
      saveSettings(tx, { traderName: "Hedgerow Dye Works Ltd", traderAddress: "Unit 4, Mill Yard\nHebden Bridge", traderCompanyNumber: "01234567", traderVatNumber: "GB123456789" }),
    );
    const { orderId } = await (await deliver(buildCheckoutSessionEvent(await createCheckout({ lines: [{ variant, quantity: 1 }] })))).json();
    const queued = await queuedEmail(orderId);
    for (const part of [queued.html, queued.text]) {
      expect(part).toContain("Hedgerow Dye Works Ltd, Unit 4, Mill Yard, Hebden Bridge");
      expect(part).toContain("Company number 01234567 · VAT number GB123456789");
    }
    expect(queued).toEqual(await directRender(orderId));
  });

  it("has for its text part React Email's own plain-text conversion of its HTML (ours compiles the same options once)", async () => {
    const variant = await createVariant({ stock: 5, name: "Moss & Bracken" });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 2 }] });
    const { orderId } = await (await deliver(buildCheckoutSessionEvent(checkout))).json();
    const queued = await queuedEmail(orderId);
    expect(queued.text).toContain("Moss & Bracken");
    expect(queued.text).toBe(toPlainText(queued.html));
  });

  it("is not rendered at all for a payment event about an order that is already paid", async () => {
    const variant = await createVariant({ stock: 5 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const { orderId } = await (await deliver(buildCheckoutSessionEvent(checkout))).json();
    const rendersForFirst = renders.length;
    const again = await (await deliver(buildCheckoutSessionEvent(checkout, { type: "checkout.session.async_payment_succeeded" }))).json();
    expect(again).toMatchObject({ status: "processed", orderId, note: "The checkout's order already has its payment result." });
    expect(renders.length).toBe(rendersForFirst);
    await withFreshClient(async (fresh) => expect(await fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId))).toHaveLength(1));
  });

  it("keeps the on-hold notice for an order short of stock, and still equals a direct render", async () => {
    const variant = await createVariant({ stock: 1 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 3 }], reserve: false });
    const { orderId } = await (await deliver(buildCheckoutSessionEvent(checkout))).json();
    const [order] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, orderId)));
    expect(order!.status).toBe("on_hold");

    const queued = await queuedEmail(orderId);
    expect(queued.html).toContain(ATTENTION_NOTICE);
    expect(queued.text).toContain(ATTENTION_NOTICE);
    expect(queued).toEqual(await directRender(orderId));
  });

  it("escapes what shoppers and the owner type exactly as React does: names, addresses, store name, discount", async () => {
    await writeTransaction((tx) => saveSettings(tx, { storeName: `Tom & Jerry's <Yarn> "Shop"` }));
    const variant = await createVariant({ stock: 5, name: `Fish & "Chips" <Aran>` });
    const code = await createDiscountCode({ kind: "percent", value: 10 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }], discount: { id: code.id, code: code.code, percent: 10 } });
    const event = buildCheckoutSessionEvent(checkout, {
      name: `Siobhán O'Brien & <Sons>`,
      address: { line1: `1 "Quoted" Lane & Co`, line2: "<Flat 2>", city: "Hebden Bridge", postal_code: "HX7 8AB", country: "GB" },
    });
    const { orderId } = await (await deliver(event)).json();

    const queued = await queuedEmail(orderId);
    expect(queued.subject).toContain(`Tom & Jerry's <Yarn> "Shop"`);
    expect(queued.html).toContain("O&#x27;Brien &amp; &lt;Sons&gt;");
    expect(queued).toEqual(await directRender(orderId));
  });

  it("is rendered again from the order when the settings changed between rendering and the transaction", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const variant = await createVariant({ stock: 5 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    const session = stripeCheckoutSession.parse(buildCheckoutSessionEvent(checkout).data.object);
    const facts = paymentFactsFromSession(session);

    const prepared = await preparePaidOrder(await db(), { checkout, facts, actor: "webhook" });
    await writeTransaction((tx) => saveSettings(tx, { storeName: "Renamed Yarns" }));
    const outcome = await withPreparedPaidOrder(
      async () => prepared,
      (ready) => writeTransaction((tx) => createPaidOrder(tx, { checkout, facts, actor: "webhook", prepared: ready })),
    );

    expect(warned).toHaveBeenCalledTimes(1);
    const queued = await queuedEmail(outcome.order.id);
    expect(queued.subject).toBe(`Renamed Yarns: order ${outcome.order.orderNumber} confirmed`);
    expect(queued).toEqual(await directRender(outcome.order.id));
    expect(renders.every((render) => !render.insideWrite)).toBe(true);
    // The stale attempt left nothing behind: one order, one email.
    await withFreshClient(async (fresh) => {
      expect(await fresh.select().from(orders).where(eq(orders.checkoutId, checkout.id))).toHaveLength(1);
      expect(await fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, outcome.order.id))).toHaveLength(1);
    });
  });
});
