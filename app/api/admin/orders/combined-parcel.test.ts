// One parcel per customer in the admin: linked orders read both ways, and fulfilled together through the real route handler.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emailOutbox, orderEvents, orders } from "@/lib/db/schema";
import { findLinkedOrders } from "@/lib/orders/linked-orders";
import { listOrders, orderListQuery } from "@/lib/orders/list-orders";
import { findParcelItems, parcelMates } from "@/lib/orders/parcel-items";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createAdminOrder, createStockedVariant } from "@/tests/factories/admin-orders";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createLinkedOrder } from "@/tests/factories/linked-orders";
import { POST as fulfilPost } from "./[id]/fulfill/route";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

function fulfil(orderId: number, body: unknown) {
  const request = adminRequest(`/api/admin/orders/${orderId}/fulfill`, { method: "POST", body, cookie: ownerCookie() });
  return fulfilPost(request, { params: Promise.resolve({ id: String(orderId) }) });
}

const linkOf = async (orderId: number) => (await findLinkedOrders(await db(), orderId)).map((order) => [order.orderNumber, order.link]);

async function parcelOf(email: string) {
  const [first, second] = [await createStockedVariant({ productName: "Moorland Merino", variantName: "Heather" }), await createStockedVariant({ productName: "Fell Mohair", variantName: "Bracken" })];
  const parent = await createAdminOrder({ email, lines: [{ variant: first!, quantity: 2 }] });
  const child = await createLinkedOrder(parent.id, { email, lines: [{ variant: second!, quantity: 1 }] });
  return { parent, child };
}

const read = <T>(fn: (fresh: Awaited<ReturnType<typeof db>>) => Promise<T>) => withFreshClient(fn);

describe("linked orders", () => {
  it("are found both ways, with the orders that joined the same parcel alongside, and never another customer's", async () => {
    const { parent, child } = await parcelOf("lin@example.com");
    const sibling = await createLinkedOrder(parent.id, { email: "lin@example.com" });
    const stranger = await createAdminOrder({ email: "lin@example.com" });

    expect(await linkOf(parent.id)).toEqual([
      [child.orderNumber, "joined_by"],
      [sibling.orderNumber, "joined_by"],
    ]);
    expect(await linkOf(child.id)).toEqual([
      [parent.orderNumber, "ships_with"],
      [sibling.orderNumber, "alongside"],
    ]);
    expect(await linkOf(stranger.id)).toEqual([]);

    const list = await listOrders(await db(), orderListQuery.parse({ q: "lin@example.com" }));
    expect(Object.fromEntries(list.rows.map((row) => [row.orderNumber, row.isCombined]))).toEqual({
      [parent.orderNumber]: true,
      [child.orderNumber]: true,
      [sibling.orderNumber]: true,
      [stranger.orderNumber]: false,
    });
  });

  it("put the linked unshipped orders' items on the packing slip with the order's own, and not a cancelled one's", async () => {
    const { parent, child } = await parcelOf("slip@example.com");
    await createLinkedOrder(parent.id, { email: "slip@example.com", status: "cancelled" });
    const reader = await db();
    const mates = parcelMates(parent, await findLinkedOrders(reader, parent.id));
    const parcel = await findParcelItems(reader, parent, mates);
    expect(parcel.map((member) => [member.orderNumber, member.items.map((item) => `${item.quantity} × ${item.productName}`)])).toEqual([
      [parent.orderNumber, ["2 × Moorland Merino"]],
      [child.orderNumber, ["1 × Fell Mohair"]],
    ]);
  });
});

describe("POST /api/admin/orders/[id]/fulfill with withLinked", () => {
  it("ships the linked unshipped order with the same tracking in one transaction, events on each, and one email listing both orders' items", async () => {
    const { parent, child } = await parcelOf("mo@example.com");
    const res = await fulfil(parent.id, { carrier: "Royal Mail", trackingNumber: "RM123456785GB", withLinked: true });
    expect(res.status).toBe(200);

    const saved = await read((fresh) => fresh.select().from(orders).where(inArray(orders.id, [parent.id, child.id])).orderBy(orders.id));
    expect(saved.map((order) => [order.status, order.trackingCarrier, order.trackingNumber])).toEqual([
      ["shipped", "Royal Mail", "RM123456785GB"],
      ["shipped", "Royal Mail", "RM123456785GB"],
    ]);
    const events = await read((fresh) => fresh.select().from(orderEvents).where(inArray(orderEvents.orderId, [parent.id, child.id])).orderBy(orderEvents.id));
    const typesOf = (orderId: number) => events.filter((event) => event.orderId === orderId).map((event) => event.type);
    expect(typesOf(parent.id)).toEqual(["created", "status_changed", "tracking_added", "email_queued"]);
    expect(typesOf(child.id)).toEqual(["created", "status_changed", "tracking_added"]);
    const childShipped = events.find((event) => event.orderId === child.id && event.type === "tracking_added")!;
    expect(childShipped.message).toBe(`Shipped with Royal Mail, tracking number RM123456785GB. In one parcel with ${parent.orderNumber}; the shipping email went with it.`);
    expect(childShipped.data).toMatchObject({ trackingNumber: "RM123456785GB", parcelWith: [parent.orderNumber] });

    const emails = await read((fresh) => fresh.select().from(emailOutbox).where(inArray(emailOutbox.orderId, [parent.id, child.id])));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ orderId: parent.id, kind: "shipping_confirmation", toAddress: "mo@example.com" });
    expect(emails[0]!.subject).toContain(`orders ${parent.orderNumber} and ${child.orderNumber} are on their way`);
    expect(emails[0]!.text).toContain("2 × Moorland Merino – Heather");
    expect(emails[0]!.text).toContain("1 × Fell Mohair – Bracken");
  });

  it("ships only the order itself without withLinked, and leaves out linked orders already shipped, on hold or cancelled", async () => {
    const { parent, child } = await parcelOf("solo@example.com");
    expect((await fulfil(child.id, { carrier: "DPD", trackingNumber: "1550" })).status).toBe(200);
    const [parentAfter] = await read((fresh) => fresh.select().from(orders).where(eq(orders.id, parent.id)));
    expect(parentAfter!.status).toBe("processing");
    const emails = await read((fresh) => fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, child.id)));
    expect(emails[0]!.subject).toContain(`order ${child.orderNumber} is on its way`);

    // The parent now ships alone: the child went already, a held sibling waits, a cancelled one never goes.
    const held = await createLinkedOrder(parent.id, { email: "solo@example.com", status: "on_hold" });
    const cancelled = await createLinkedOrder(parent.id, { email: "solo@example.com", status: "cancelled" });
    expect((await fulfil(parent.id, { carrier: "DPD", trackingNumber: "1551", withLinked: true })).status).toBe(200);
    const statuses = await read((fresh) => fresh.select({ id: orders.id, status: orders.status, trackingNumber: orders.trackingNumber }).from(orders).where(inArray(orders.id, [child.id, held.id, cancelled.id])).orderBy(orders.id));
    expect(statuses.map((row) => [row.status, row.trackingNumber])).toEqual([
      ["shipped", "1550"],
      ["on_hold", null],
      ["cancelled", null],
    ]);
  });

  it("refuses a withLinked that is not a boolean with 400 and writes nothing", async () => {
    const { parent, child } = await parcelOf("bad@example.com");
    const res = await fulfil(parent.id, { carrier: "DPD", trackingNumber: "1", withLinked: "yes" });
    expect(res.status).toBe(400);
    const rows = await read((fresh) => fresh.select({ status: orders.status }).from(orders).where(inArray(orders.id, [parent.id, child.id])));
    expect(rows.map((row) => row.status)).toEqual(["processing", "processing"]);
  });
});
