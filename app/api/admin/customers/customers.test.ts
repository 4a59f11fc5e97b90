// Customers through the real handlers: list, CSV export, GDPR access and erasure, re-read through a fresh client.
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { addresses, auditLog, customers, emailOutbox, orderEvents, orderItems, orders } from "@/lib/db/schema";
import { queueOrderEmail } from "@/lib/orders/queue-order-email";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createAdminOrder, createCustomer, createStockedVariant } from "@/tests/factories/admin-orders";
import { createOrderWithQueuedEmail } from "@/tests/factories/emails";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { GET as ordersExport } from "../orders/export/route";
import { POST as erasePost } from "./[id]/erase/route";
import { GET as dataExport } from "./[id]/export/route";
import { GET as customersExport } from "./export/route";
import { GET as customersList } from "./route";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

type AnyHandler = (request: ReturnType<typeof adminRequest>, context: { params: Promise<{ id: string }> }) => Promise<Response>;

const get = (handler: AnyHandler, url: string, id?: number) =>
  handler(adminRequest(url, { cookie: ownerCookie() }), { params: Promise.resolve({ id: String(id ?? "") }) });

async function csvRows(response: Response): Promise<Record<string, string>[]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** A customer with two paid orders, an email in the outbox and a note that names them. */
async function customerWithHistory(name: string, email: string, createdAt: string) {
  const customer = await createCustomer({ name, email, acceptsMarketing: true, phone: "+44 7700 900456" });
  const variant = await createStockedVariant({ price: 1000 });
  const first = await createAdminOrder({ customer, lines: [{ variant, quantity: 1 }], createdAt, shippingTotal: 0 });
  const second = await createAdminOrder({ customer, lines: [{ variant, quantity: 2 }], createdAt: createdAt.replace("T10", "T11"), shippingTotal: 0, amountRefunded: 500, paymentStatus: "partially_refunded" });
  await writeTransaction((tx) =>
    queueOrderEmail(tx, {
      orderId: first.id,
      kind: "shipping_confirmation",
      to: first.email,
      email: { subject: `Dear ${name}`, html: `<p>Hello ${name}, your order is going to 3 Weavers Row.</p>`, text: `Hello ${name}` },
      actor: "admin:owner (owner@localhost)",
    }),
  );
  return { customer, orders: [first, second] };
}

describe("the customer list and CSV export", () => {
  it("lists customers with their order count, total spent net of refunds, and finds them by name or email", async () => {
    const { customer } = await customerWithHistory("Beatrix Potter", "beatrix@example.com", "2026-05-01T10:00:00.000Z");
    const response = await get(customersList, "/api/admin/customers?q=potter");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: { id: number; orderCount: number; totalSpent: number; firstOrderAt: string }[] };
    expect(body.rows).toEqual([expect.objectContaining({ id: customer.id, orderCount: 2, totalSpent: 1000 + 2000 - 500, firstOrderAt: "2026-05-01T10:00:00.000Z" })]);
    const byEmail = (await (await get(customersList, "/api/admin/customers?q=BEATRIX@")).json()) as { rows: unknown[] };
    expect(byEmail.rows).toHaveLength(1);
  });

  it("exports customers as CSV, and only those who agreed to marketing with consent=1", async () => {
    await createCustomer({ name: "=Mallory", email: "mallory@example.com", acceptsMarketing: false });
    await createCustomer({ name: "Zoë Ångström", email: "zoe@example.com", acceptsMarketing: true });
    const all = await get(customersExport, "/api/admin/customers/export");
    expect(all.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(all.headers.get("content-disposition")).toMatch(/^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = await csvRows(all);
    expect(Object.keys(rows[0]!)).toEqual(["Name", "Email", "Orders", "Total spent", "First order", "Last order", "Created", "Marketing consent", "Consent given at"]);
    expect(rows.find((row) => row.Email === "mallory@example.com")).toMatchObject({ Name: "'=Mallory", "Marketing consent": "no", Orders: "0", "Total spent": "0.00" });
    expect(rows.find((row) => row.Email === "zoe@example.com")).toMatchObject({ Name: "Zoë Ångström", "Marketing consent": "yes" });

    const consenting = await csvRows(await get(customersExport, "/api/admin/customers/export?consent=1"));
    expect(consenting.map((row) => row.Email)).toContain("zoe@example.com");
    expect(consenting.map((row) => row.Email)).not.toContain("mallory@example.com");
    expect(consenting.every((row) => row["Marketing consent"] === "yes")).toBe(true);
  });
});

describe("GET /api/admin/customers/[id]/export (GDPR access)", () => {
  it("holds everything about exactly one person: profile, addresses, orders with items and events, emails", async () => {
    const alice = await customerWithHistory("Alice Liddell", "alice@example.com", "2026-06-01T10:00:00.000Z");
    const bob = await customerWithHistory("Bob Cratchit", "bob@example.com", "2026-06-02T10:00:00.000Z");

    const response = await get(dataExport, `/api/admin/customers/${alice.customer.id}/export`, alice.customer.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="customer-${alice.customer.id}-data.json"`);
    const text = await response.text();
    const data = JSON.parse(text) as {
      customer: { email: string; name: string };
      addresses: { phone: string }[];
      orders: { orderNumber: string; items: unknown[]; events: { type: string }[]; lookupToken?: string }[];
      emails: { toAddress: string; subject: string }[];
    };
    expect(data.customer).toMatchObject({ email: "alice@example.com", name: "Alice Liddell" });
    expect(data.addresses.map((address) => address.phone)).toEqual(["+44 7700 900456"]);
    expect(data.orders.map((order) => order.orderNumber)).toEqual(alice.orders.map((order) => order.orderNumber));
    expect(data.orders.every((order) => order.items.length === 1 && order.events.some((event) => event.type === "created"))).toBe(true);
    expect(data.orders.some((order) => "lookupToken" in order)).toBe(false);
    expect(data.emails).toEqual([expect.objectContaining({ toAddress: alice.orders[0]!.email, subject: "Dear Alice Liddell" })]);
    for (const other of ["Bob Cratchit", "bob@example.com", ...bob.orders.map((order) => order.orderNumber)]) expect(text).not.toContain(other);
  });

  it("leaves the order link's secret out of the emails' text (the file is easily forwarded)", async () => {
    const { orderId } = await createOrderWithQueuedEmail({ email: "edith@example.com" });
    const [order] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, orderId)));
    const [mail] = await withFreshClient((fresh) => fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId)));
    expect(mail!.text).toContain(order!.lookupToken);
    const response = await get(dataExport, `/api/admin/customers/${order!.customerId}/export`, order!.customerId!);
    const text = await response.text();
    expect(text).not.toContain(order!.lookupToken);
    const data = JSON.parse(text) as { emails: { text: string; html?: string }[] };
    expect(data.emails).toHaveLength(1);
    expect(data.emails[0]!.text).toContain(`${order!.orderNumber}?token=[link secret removed]`);
    expect(data.emails[0]!.html).toBeUndefined();
  });

  it("answers an unknown customer with 404 and a bad id with 400", async () => {
    expect((await get(dataExport, "/api/admin/customers/999999/export", 999_999)).status).toBe(404);
    const bad = await dataExport(adminRequest("/api/admin/customers/x/export", { cookie: ownerCookie() }), { params: Promise.resolve({ id: "x" }) });
    expect(bad.status).toBe(400);
  });
});

describe("POST /api/admin/customers/[id]/erase", () => {
  it("anonymises the customer and their orders, keeps amounts, items and numbers, and records it", async () => {
    const carol = await customerWithHistory("Carol Singer", "carol@example.com", "2026-08-03T10:00:00.000Z");
    const other = await customerWithHistory("Dora Keeps", "dora@example.com", "2026-08-04T10:00:00.000Z");
    const orderIds = carol.orders.map((order) => order.id);

    const response = await erasePost(adminRequest(`/api/admin/customers/${carol.customer.id}/erase`, { method: "POST", cookie: ownerCookie() }), {
      params: Promise.resolve({ id: String(carol.customer.id) }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ customerId: carol.customer.id, orders: 2, emails: 1 });

    await withFreshClient(async (fresh) => {
      const [customer] = await fresh.select().from(customers).where(eq(customers.id, carol.customer.id));
      expect(customer).toMatchObject({ name: "", acceptsMarketing: false, marketingConsentAt: null });
      // A placeholder nobody can work out from an id.
      expect(customer!.email).toMatch(/^erased-[0-9a-f]{32}@erased\.invalid$/);
      expect(customer!.erasedAt).not.toBeNull();
      expect(await fresh.select().from(addresses).where(eq(addresses.customerId, carol.customer.id))).toEqual([]);
      for (const original of carol.orders) {
        const [order] = await fresh.select().from(orders).where(eq(orders.id, original.id));
        expect(order).toMatchObject({ orderNumber: original.orderNumber, total: original.total, amountRefunded: original.amountRefunded, shippingAddress: null, billingAddress: null, customerId: carol.customer.id });
        expect(order!.email).toMatch(/^erased-[0-9a-f]{32}@erased\.invalid$/);
        expect(await fresh.select().from(orderItems).where(eq(orderItems.orderId, original.id))).toHaveLength(1);
        const events = await fresh.select().from(orderEvents).where(eq(orderEvents.orderId, original.id));
        expect(events.map((event) => event.type)).toContain("erased");
        expect(JSON.stringify(events)).not.toMatch(/carol|Carol Singer/i);
      }
      const mail = await fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderIds[0]!));
      expect(JSON.stringify(mail)).not.toMatch(/carol|Carol Singer|Weavers/i);
      const [audit] = await fresh.select().from(auditLog).where(eq(auditLog.action, "customer.erased"));
      expect(audit).toMatchObject({ entityType: "customer", entityId: String(carol.customer.id), actor: "admin:owner (owner@localhost)", data: { orders: 2, emails: 1 } });

      // The other customer is untouched.
      const [dora] = await fresh.select().from(customers).where(eq(customers.id, other.customer.id));
      expect(dora).toMatchObject({ name: "Dora Keeps", email: "dora@example.com" });
    });

    // The orders export of the erased customer's orders holds no personal data.
    const exported = await csvRows(
      await ordersExport(adminRequest("/api/admin/orders/export?from=2026-08-03&to=2026-08-03", { cookie: ownerCookie() }), { params: Promise.resolve({}) }),
    );
    expect(exported.map((row) => row["Order number"]).sort()).toEqual(carol.orders.map((order) => order.orderNumber).sort());
    expect(JSON.stringify(exported)).not.toMatch(/carol|Carol Singer|Weavers|HX1 1AA/i);
    expect(exported.every((row) => row["Customer name"] === "" && row.Total !== "")).toBe(true);

    // Erasing twice is refused; the same email can become a new customer.
    const again = await erasePost(adminRequest(`/api/admin/customers/${carol.customer.id}/erase`, { method: "POST", cookie: ownerCookie() }), {
      params: Promise.resolve({ id: String(carol.customer.id) }),
    });
    expect(again.status).toBe(409);
    const reborn = await createCustomer({ email: "carol@example.com", name: "Carol Singer" });
    expect(reborn.id).not.toBe(carol.customer.id);
  });
});
