// GDPR erasure end to end: one person's data planted through the real flows, erased, then looked for everywhere it could be.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { checkouts, customers, emailOutbox, orderEvents, orders } from "@/lib/db/schema";
import { upsertCustomer } from "@/lib/customers/upsert-customer";
import { drainOutbox } from "@/lib/email-delivery/drain-outbox";
import { env, resetEnvForTests } from "@/lib/env";
import { createBackup } from "@/lib/exports/backup/create-backup";
import { exportBundle } from "@/lib/exports/bundle/export-bundle";
import { checkInvariants } from "@/lib/integrity/check-invariants";
import { findOrderLinkByEmail, getOrderForShopper } from "@/lib/orders/shopper-lookup";
import { POST as checkoutPost } from "@/app/api/checkout/session/route";
import { POST as waitlistPost } from "@/app/api/waitlist/route";
import { incrementStock } from "@/lib/inventory/stock";
import { notifyWaitlists } from "@/lib/waitlist/notify-waitlists";
import { NextRequest } from "next/server";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createCustomer } from "@/tests/factories/admin-orders";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createCart } from "@/tests/factories/cart";
import { checkoutRequest, createCheckout, noParams } from "@/tests/factories/checkout";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { restoreTransportEnv, useCaptureTransport, useResendTransport } from "@/tests/factories/emails";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { deliver } from "@/tests/factories/webhook";
import { startResendStandIn, type ResendStandIn } from "@/tests/helpers/resend-stand-in";
import { POST as fulfilPost } from "../orders/[id]/fulfill/route";
import { POST as notePost } from "../orders/[id]/notes/route";
import { POST as statusPost } from "../orders/[id]/status/route";
import { GET as ordersExport } from "../orders/export/route";
import { POST as erasePost } from "./[id]/erase/route";
import { GET as dataExport } from "./[id]/export/route";
import { GET as customersExport } from "./export/route";

/** The person, as they typed themselves in different places. */
const PERSON = {
  email: "Alice.Quill@Example.COM",
  name: "Alice Quillfeather",
  line1: "1 Secret Street",
  line2: "Flat 9 Hiddenhouse",
  city: "Testville",
  postalCode: "ZZ9 9QX",
  phone: "+44 7700 900123",
};

/** What must be found nowhere after the erasure, compared in lower case. */
const NEEDLES = ["alice.quill@example.com", "quill", "secret street", "hiddenhouse", "testville", "zz9 9qx", "7700 900123"];

let standIn: ResendStandIn;
const scratch = mkdtempSync(path.join(tmpdir(), "erasure-"));

beforeAll(async () => {
  useOwnerLogin();
  standIn = await startResendStandIn();
  await createYarnShopShipping();
});
afterAll(async () => {
  delete process.env.CHECKOUT_ABUSE_LIMITS;
  resetEnvForTests();
  restoreAdminEnv();
  restoreTransportEnv();
  await standIn.close();
  rmSync(scratch, { recursive: true, force: true });
});

type AnyHandler = (request: ReturnType<typeof adminRequest>, context: { params: Promise<{ id: string }> }) => Promise<Response>;

function admin(handler: AnyHandler, url: string, options: { id?: number; method?: string; body?: unknown } = {}) {
  return handler(adminRequest(url, { method: options.method ?? "GET", body: options.body, cookie: ownerCookie() }), {
    params: Promise.resolve({ id: String(options.id ?? "") }),
  });
}

/** Every needle found in every column of every table, as `table.column: needle`. */
async function findInDatabase(url: string): Promise<string[]> {
  const client = createClient({ url });
  try {
    const found: string[] = [];
    const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    for (const { name: table } of tables.rows) {
      const columns = await client.execute(`PRAGMA table_info("${String(table)}")`);
      for (const { name: column } of columns.rows) {
        for (const needle of NEEDLES) {
          const { rows } = await client.execute({ sql: `SELECT count(*) AS n FROM "${String(table)}" WHERE instr(lower(CAST("${String(column)}" AS TEXT)), ?) > 0`, args: [needle] });
          if (Number(rows[0]!.n) > 0) found.push(`${String(table)}.${String(column)}: ${needle}`);
        }
      }
    }
    return found;
  } finally {
    client.close();
  }
}

function findInText(where: string, text: string): string[] {
  const lower = text.toLowerCase();
  return NEEDLES.filter((needle) => lower.includes(needle)).map((needle) => `${where}: ${needle}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

const today = () => new Date().toISOString().slice(0, 10);
const dayAfter = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Everything outside the live database where the shop writes data: both CSVs, the JSON bundle and both kinds of backup. */
async function findInExports(label: string): Promise<string[]> {
  const found: string[] = [];
  const range = `from=${dayAfter(today(), -1)}&to=${dayAfter(today(), 1)}`;
  found.push(...findInText("orders CSV", await (await admin(ordersExport, `/api/admin/orders/export?${range}`)).text()));
  found.push(...findInText("orders CSV per line", await (await admin(ordersExport, `/api/admin/orders/export?${range}&lines=1`)).text()));
  found.push(...findInText("customers CSV", await (await admin(customersExport, "/api/admin/customers/export")).text()));

  const bundleDir = path.join(scratch, `${label}-bundle`);
  await exportBundle({ source: { url: env().DATABASE_URL }, outDir: bundleDir });
  for (const file of filesUnder(bundleDir)) found.push(...findInText(`bundle ${path.relative(bundleDir, file)}`, readFileSync(file, "utf8")));

  for (const logical of [false, true]) {
    const backupDir = path.join(scratch, `${label}-backup-${logical ? "sql" : "file"}`);
    const backup = await createBackup({ source: { url: env().DATABASE_URL }, outDir: backupDir, logical });
    // The raw bytes too: a snapshot must not carry old values in free pages.
    found.push(...findInText(`backup ${path.basename(backup.file)}`, readFileSync(backup.file).toString("latin1")));
    if (!logical) found.push(...(await findInDatabase(`file:${backup.file}`)).map((hit) => `backup database ${hit}`));
  }
  return found;
}

/**
 * Alice through every flow that stores something about a person: an account with an address and
 * phone, a checkout with a discount code paid by card (the write batch), a second one paid by a
 * delayed method (the locked transaction) whose confirmation the provider refuses quoting her
 * address, an abandoned checkout, the owner's note and hold reason, the fulfilment and its email,
 * and history rows in the format written before email events stopped naming the recipient.
 */
async function plantAlice() {
  // Three checkouts by one person within a minute would meet the per-email checkout budget
  // (lib/checkout/checkout-limits.ts); this test is about what they leave behind, so budgets are lifted.
  process.env.CHECKOUT_ABUSE_LIMITS = "off";
  resetEnvForTests();
  const customer = await createCustomer({
    email: PERSON.email,
    name: PERSON.name,
    acceptsMarketing: true,
    phone: PERSON.phone,
    address: { line1: PERSON.line1, city: PERSON.city, postalCode: PERSON.postalCode },
  });
  const code = await createDiscountCode({ code: "ALICE10", value: 10 });
  const yarn = await createVariant({ price: 1800, stock: 20, weightGrams: 100 });
  const payer = { email: PERSON.email, name: PERSON.name, address: { line1: PERSON.line1, line2: PERSON.line2, city: PERSON.city, postal_code: PERSON.postalCode, country: "GB" } };

  async function startCheckout(body: Record<string, unknown>) {
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const response = await checkoutPost(checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB", ...body } }), noParams);
    expect(response.status).toBe(200);
    const { checkoutId } = (await response.json()) as { checkoutId: string };
    return withFreshClient(async (read) => (await read.select().from(checkouts).where(eq(checkouts.id, checkoutId)))[0]!);
  }

  // 1. Paid by card, with a discount code: the write batch.
  const first = await startCheckout({ email: PERSON.email, discountCode: code.code, acceptsMarketing: true });
  const paid = await deliver(buildCheckoutSessionEvent(first, payer));
  expect(paid.status).toBe(200);
  const { orderId: firstOrderId } = (await paid.json()) as { orderId: number };
  useCaptureTransport();
  expect((await drainOutbox()).sent).toBe(1);

  // 2. A delayed payment, settled later: the locked transaction. The provider refuses its confirmation.
  const second = await startCheckout({ email: PERSON.email.toUpperCase() });
  await deliver(buildCheckoutSessionEvent(second, { ...payer, paymentStatus: "unpaid" }));
  const settled = await deliver(buildCheckoutSessionEvent(second, { ...payer, type: "checkout.session.async_payment_succeeded" }));
  const { orderId: secondOrderId } = (await settled.json()) as { orderId: number };
  useResendTransport(standIn.url);
  standIn.script({ status: 422, name: "validation_error", message: `Mailbox ${PERSON.email.toUpperCase()} at ${PERSON.city} is not accepting mail` });
  expect((await drainOutbox()).failed).toBe(1);
  useCaptureTransport();

  // 3. Started and abandoned.
  await startCheckout({ email: PERSON.email.toLowerCase().replace("alice", "ALICE") });

  // 4. The owner's words, the hold and the fulfilment with its email.
  const words = `${PERSON.name} rang from ${PERSON.phone}: deliver to ${PERSON.line2}, ${PERSON.line1}, ${PERSON.city.toUpperCase()} ${PERSON.postalCode}; reply to ${PERSON.email.toUpperCase()}`;
  expect((await admin(notePost, `/api/admin/orders/${firstOrderId}/notes`, { id: firstOrderId, method: "POST", body: { note: words } })).status).toBe(201);
  const hold = { status: "on_hold", reason: `waiting for ${PERSON.name} to confirm ${PERSON.city}` };
  expect((await admin(statusPost, `/api/admin/orders/${firstOrderId}/status`, { id: firstOrderId, method: "POST", body: hold })).status).toBe(200);
  const release = { status: "processing", reason: `${PERSON.email} confirmed` };
  expect((await admin(statusPost, `/api/admin/orders/${firstOrderId}/status`, { id: firstOrderId, method: "POST", body: release })).status).toBe(200);
  const shipped = await admin(fulfilPost, `/api/admin/orders/${firstOrderId}/fulfill`, { id: firstOrderId, method: "POST", body: { carrier: "Royal Mail", trackingNumber: "RM123456785GB" } });
  expect(shipped.status).toBe(200);
  await drainOutbox();

  // 5. History written before email events stopped naming the recipient (and the owner's notes column).
  await writeTransaction(async (tx) => {
    await tx.insert(orderEvents).values([
      { orderId: firstOrderId, type: "email_sent", message: `Order confirmation email sent to ${PERSON.email.toLowerCase()}.`, data: { kind: "order_confirmation", outboxId: 1 } },
      { orderId: secondOrderId, type: "email_failed", message: `Order confirmation email to ${PERSON.email} failed: no such mailbox`, data: { kind: "order_confirmation", error: `no such mailbox ${PERSON.email}` } },
    ]);
    await tx.update(orders).set({ notes: `Gift for ${PERSON.name}` }).where(eq(orders.id, secondOrderId));
  });

  // 6. Notify-me: two sold-out colourways; one comes back and its back_in_stock email is queued to her.
  const soldOut = [await createVariant({ stock: 0 }), await createVariant({ stock: 0 })];
  for (const { variantId } of soldOut) {
    const signUp = new NextRequest("http://localhost/api/waitlist", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.44" },
      body: JSON.stringify({ variantId, email: PERSON.email, consent: true }),
    });
    expect((await waitlistPost(signUp, noParams)).status).toBe(201);
  }
  await writeTransaction((tx) => incrementStock(tx, { variantId: soldOut[0]!.variantId, quantity: 1, reason: "restock", actor: "test" }));
  expect((await notifyWaitlists()).queued).toBe(1);
  const gdprBefore = (await (await admin(dataExport, `/api/admin/customers/${customer.id}/export`, { id: customer.id })).json()) as { waitlist: { notifiedAt: string | null }[] };
  expect(gdprBefore.waitlist.map((signup) => signup.notifiedAt === null)).toEqual([false, true]);
  return { customerId: customer.id, orderIds: [firstOrderId, secondOrderId] };
}

describe("erasing a customer leaves none of their personal data anywhere", () => {
  it("finds the person in every table before, and nowhere (database, CSVs, JSON export, backups) after", async () => {
    const alice = await plantAlice();
    const before = await findInDatabase(env().DATABASE_URL);
    // The planting reached every table that can hold a person.
    for (const column of [
      "customers.email",
      "customers.name",
      "addresses.line1",
      "addresses.city",
      "addresses.phone",
      "orders.email",
      "orders.shipping_address",
      "orders.billing_address",
      "orders.notes",
      "order_events.message",
      "order_events.data",
      "checkouts.email",
      "discount_redemptions.email",
      "email_outbox.to_address",
      "email_outbox.html",
      "email_outbox.text",
      "email_outbox.last_error",
      "waitlist_signups.email",
    ]) {
      expect(before.some((hit) => hit.startsWith(`${column}:`)), column).toBe(true);
    }
    expect(before.some((hit) => hit.startsWith("order_events.message: testville"))).toBe(true);

    const response = await admin(erasePost, `/api/admin/customers/${alice.customerId}/erase`, { id: alice.customerId, method: "POST" });
    expect(response.status).toBe(200);
    // Two confirmations, the shipping email, and the owner's alert about the confirmation that failed
    // (it is about Alice's order, so it goes with it), and her back-in-stock email.
    expect(await response.json()).toEqual({ customerId: alice.customerId, orders: 2, emails: 5 });

    expect(await findInDatabase(env().DATABASE_URL)).toEqual([]);
    const gdpr = await (await admin(dataExport, `/api/admin/customers/${alice.customerId}/export`, { id: alice.customerId })).text();
    expect(findInText("GDPR export", gdpr)).toEqual([]);
    expect(await findInExports("after")).toEqual([]);

    // What the accounts need is still there, and the history reads without her.
    await withFreshClient(async (fresh) => {
      const kept = await fresh.select().from(orders).where(eq(orders.customerId, alice.customerId));
      expect(kept.map((order) => order.id).sort()).toEqual([...alice.orderIds].sort());
      expect(kept.every((order) => order.total > 0 && order.trackingNumber !== undefined)).toBe(true);
      const events = await fresh.select().from(orderEvents).where(eq(orderEvents.orderId, alice.orderIds[0]!));
      const messages = events.map((event) => event.message);
      expect(messages).toContain("Note removed when the customer's personal data was erased.");
      expect(messages).toContain("Status changed from processing to on_hold.");
      expect(messages).toContain("Order confirmation email sent.");
      expect(events.map((event) => event.type)).toContain("erased");
    });
    expect((await checkInvariants(createClient({ url: env().DATABASE_URL }))).findings).toEqual([]);
  });
});

describe("an erased customer cannot be reopened", () => {
  async function erasedCustomerWithOrder() {
    const email = `bea-${Date.now()}@example.com`;
    const customer = await createCustomer({ email, name: "Bea Erased" });
    const yarn = await createVariant({ stock: 10 });
    const checkout = await createCheckout({ lines: [{ variant: yarn, quantity: 1 }], email });
    const { orderId } = (await (await deliver(buildCheckoutSessionEvent(checkout, { name: "Bea Erased" }))).json()) as { orderId: number };
    expect((await admin(erasePost, `/api/admin/customers/${customer.id}/erase`, { id: customer.id, method: "POST" })).status).toBe(200);
    const read = () =>
      withFreshClient(async (fresh) => ({
        customer: (await fresh.select().from(customers).where(eq(customers.id, customer.id)))[0]!,
        order: (await fresh.select().from(orders).where(eq(orders.id, orderId)))[0]!,
      }));
    return { customerId: customer.id, orderId, yarn, read, ...(await read()) };
  }

  it("paying with the erased record's placeholder makes an order with no customer, and leaves the erased record and its order alone", async () => {
    const erased = await erasedCustomerWithOrder();
    // The placeholder cannot be worked out from the customer's id any more.
    expect(erased.customer.email).toMatch(/^erased-[0-9a-f]{32}@erased\.invalid$/);
    for (const placeholder of [erased.customer.email, `erased-customer-${erased.customerId}@erased.invalid`]) {
      const checkout = await createCheckout({ lines: [{ variant: erased.yarn, quantity: 1 }], email: null });
      const paid = await deliver(buildCheckoutSessionEvent(checkout, { email: placeholder, name: "Mallory Reopener" }));
      expect(paid.status).toBe(200);
      const { orderId } = (await paid.json()) as { orderId: number };
      const [order] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, orderId)));
      expect(order!.customerId).toBeNull();
    }
    const after = await erased.read();
    expect(after.customer).toEqual(erased.customer);
    expect(after.order).toEqual(erased.order);
    expect((await admin(erasePost, `/api/admin/customers/${erased.customerId}/erase`, { id: erased.customerId, method: "POST" })).status).toBe(409);
  });

  it("an erased record is never updated by the upsert, even under an address that could be typed", async () => {
    const erased = await erasedCustomerWithOrder();
    // As if an older erasure had left a real-looking address behind.
    await writeTransaction((tx) => tx.update(customers).set({ email: "left-behind@example.com" }).where(eq(customers.id, erased.customerId)));
    expect(await writeTransaction((tx) => upsertCustomer(tx, { email: "left-behind@example.com", name: "Mallory", acceptsMarketing: true }))).toBeNull();
    const checkout = await createCheckout({ lines: [{ variant: erased.yarn, quantity: 1 }], email: "left-behind@example.com" });
    const { orderId } = (await (await deliver(buildCheckoutSessionEvent(checkout, { name: "Mallory" }))).json()) as { orderId: number };
    const after = await erased.read();
    expect(after.customer).toMatchObject({ name: "", acceptsMarketing: false, erasedAt: erased.customer.erasedAt });
    const [order] = await withFreshClient((fresh) => fresh.select().from(orders).where(eq(orders.id, orderId)));
    expect(order!.customerId).toBeNull();
  });

  it("the shopper's order lookup refuses an erased order's placeholder", async () => {
    const erased = await erasedCustomerWithOrder();
    for (const placeholder of [erased.order.email, `erased-order-${erased.orderId}@erased.invalid`]) {
      await writeTransaction((tx) => tx.update(orders).set({ email: placeholder }).where(eq(orders.id, erased.orderId)));
      await withFreshClient(async (fresh) => {
        expect((await findOrderLinkByEmail(fresh, erased.order.orderNumber, placeholder)).link).toBeNull();
        expect(await getOrderForShopper(fresh, erased.order.orderNumber, { email: placeholder.toUpperCase() })).toBeNull();
      });
    }
  });

  it("shipping an erased order later queues no email to its placeholder", async () => {
    const erased = await erasedCustomerWithOrder();
    const shipped = await admin(fulfilPost, `/api/admin/orders/${erased.orderId}/fulfill`, { id: erased.orderId, method: "POST", body: { carrier: "DPD", trackingNumber: "15501234567890" } });
    expect(shipped.status).toBe(200);
    const mail = await withFreshClient((fresh) => fresh.select().from(emailOutbox).where(eq(emailOutbox.orderId, erased.orderId)));
    expect(mail.map((row) => row.kind)).toEqual(["order_confirmation"]);
  });

  it("checkout refuses an address in the reserved .invalid domain, writing nothing", async () => {
    const yarn = await createVariant({ stock: 3 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    const response = await checkoutPost(checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB", email: "Erased-Customer-3@Erased.Invalid" } }), noParams);
    expect(response.status).toBe(400);
    expect(await withFreshClient((fresh) => fresh.select().from(checkouts).where(eq(checkouts.cartId, cartId)))).toEqual([]);
  });
});
