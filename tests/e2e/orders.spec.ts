// The order lifecycle against a production build: a signed payment event creates the order, and its page opens only to its buyer.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { expect, test } from "./fixtures";
import { quotedOption, quoteSnapshot } from "@/tests/factories/quote";
import { buildCheckoutSessionEvent, signStripeEvent } from "@/tests/factories/stripe-event";

// playwright.config.ts starts the server on this database with this secret.
const DATABASE_FILE = path.resolve(".tmp/e2e/store.db");
const WEBHOOK_SECRET = "whsec_e2e_local_signing_secret_0123456789ab";

let database: Client;

test.beforeAll(() => {
  database = createClient({ url: pathToFileURL(DATABASE_FILE).href });
});
test.afterAll(() => database.close());

/** Writes a checkout holding stock, as the checkout flow would (its UI is another issue's). */
async function openCheckout(email: string) {
  const variant = (
    await database.execute(
      `SELECT v.id, v.product_id, v.sku, v.name, v.price, v.weight_grams, v.stock, p.name AS product_name
         FROM product_variants v JOIN products p ON p.id = v.product_id
        WHERE p.status = 'active' AND v.is_active = 1 AND v.stock >= 5 ORDER BY v.id LIMIT 1`,
    )
  ).rows[0]!;
  const rate = (
    await database.execute(
      `SELECT r.id, r.name, r.price FROM shipping_rates r JOIN shipping_zone_countries c ON c.zone_id = r.zone_id
        WHERE c.country = 'GB' AND r.is_active = 1 ORDER BY r.price LIMIT 1`,
    )
  ).rows[0]!;
  const id = `chk_${randomBytes(12).toString("hex")}`;
  const cartId = randomBytes(16).toString("hex");
  const quantity = 2;
  const price = Number(variant.price);
  const lines = [
    {
      variantId: Number(variant.id),
      productId: Number(variant.product_id),
      productName: String(variant.product_name),
      variantName: String(variant.name),
      sku: String(variant.sku),
      unitPrice: price,
      quantity,
      weightGrams: Number(variant.weight_grams),
    },
  ];
  const expiresAt = new Date(Date.now() + 35 * 60_000).toISOString();
  const quote = quoteSnapshot({
    subtotal: price * quantity,
    shippingOptions: [quotedOption({ rateId: Number(rate.id), name: String(rate.name), amount: Number(rate.price) })],
  });
  const sessionId = `cs_test_${randomBytes(12).toString("hex")}`;
  await database.batch(
    [
      { sql: "INSERT INTO carts (id) VALUES (?)", args: [cartId] },
      { sql: "INSERT INTO cart_items (cart_id, variant_id, quantity) VALUES (?, ?, ?)", args: [cartId, Number(variant.id), quantity] },
      {
        sql: `INSERT INTO checkouts (id, cart_id, email, country, lines, quote, currency, subtotal, payment_provider, payment_session_id, expires_at)
              VALUES (?, ?, ?, 'GB', ?, ?, 'GBP', ?, 'local', ?, ?)`,
        args: [id, cartId, email, JSON.stringify(lines), JSON.stringify(quote), price * quantity, sessionId, expiresAt],
      },
      { sql: "INSERT INTO stock_reservations (checkout_id, variant_id, quantity, expires_at) VALUES (?, ?, ?, ?)", args: [id, Number(variant.id), quantity, expiresAt] },
    ],
    "write",
  );
  return {
    checkout: { id, paymentSessionId: sessionId, subtotal: price * quantity, discountTotal: 0, currency: "GBP", email, country: "GB", quote },
    variantId: Number(variant.id),
    stockBefore: Number(variant.stock),
    productName: String(variant.product_name),
  };
}

async function stockOf(variantId: number): Promise<number> {
  return Number((await database.execute({ sql: "SELECT stock FROM product_variants WHERE id = ?", args: [variantId] })).rows[0]!.stock);
}

test("a signed payment event creates the order once, and its link shows it to the buyer", async ({ page, request }) => {
  const { checkout, variantId, stockBefore, productName } = await openCheckout("e2e.buyer@example.com");
  const { body, headers } = signStripeEvent(buildCheckoutSessionEvent(checkout), { secret: WEBHOOK_SECRET });

  const first = await request.post("/api/webhooks/stripe", { data: body, headers });
  expect(first.status()).toBe(200);
  const outcome = await first.json();
  expect(outcome.status).toBe("processed");
  const again = await request.post("/api/webhooks/stripe", { data: body, headers });
  expect((await again.json()).status).toBe("duplicate");
  expect(await stockOf(variantId)).toBe(stockBefore - 2);

  const forged = await request.post("/api/webhooks/stripe", { data: body, headers: { ...headers, "stripe-signature": "t=1,v1=deadbeef" } });
  expect(forged.status()).toBe(400);

  const token = String(
    (await database.execute({ sql: "SELECT lookup_token FROM orders WHERE order_number = ?", args: [outcome.orderNumber] })).rows[0]!.lookup_token,
  );
  await page.goto(`/order/${outcome.orderNumber}?token=${token}`);
  await expect(page.getByRole("heading", { level: 1, name: outcome.orderNumber })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Being prepared" })).toBeVisible();
  await expect(page.getByText(productName)).toBeVisible();
});

test("without its link the order opens only for its email, and an unknown number looks the same", async ({ page, request }) => {
  const { checkout } = await openCheckout("e2e.lookup@example.com");
  const { body, headers } = signStripeEvent(buildCheckoutSessionEvent(checkout), { secret: WEBHOOK_SECRET });
  const { orderNumber } = await (await request.post("/api/webhooks/stripe", { data: body, headers })).json();

  await page.goto(`/order/${orderNumber}?token=wrong`);
  await expect(page.getByRole("heading", { name: "Find your order" })).toBeVisible();
  await expect(page.getByText(orderNumber)).toHaveCount(0);
  await expect(page.getByLabel("Email address used at checkout")).toHaveAttribute("aria-describedby", "order-email-error");

  const email = page.getByLabel("Email address used at checkout");
  await email.fill("someone.else@example.com");
  await page.getByRole("button", { name: "View order" }).click();
  const alert = page.locator("#order-email-error");
  await expect(alert).toContainText("could not find an order");
  const wrongEmailMessage = await alert.textContent();

  await page.goto("/order/HD-99999999");
  await page.getByLabel("Email address used at checkout").fill("e2e.lookup@example.com");
  await page.getByRole("button", { name: "View order" }).click();
  await expect(page.locator("#order-email-error")).toHaveText(wrongEmailMessage!);

  await page.goto(`/order/${orderNumber}`);
  await page.getByLabel("Email address used at checkout").fill("E2E.Lookup@example.com");
  await page.getByRole("button", { name: "View order" }).click();
  await expect(page.getByRole("heading", { level: 1, name: orderNumber })).toBeVisible();
  await expect(page).toHaveURL(/token=/);
});

test("the cron endpoint refuses a caller without the secret and cleans up for one with it", async ({ request }) => {
  expect((await request.get("/api/cron/cleanup-reservations")).status()).toBe(401);
  const response = await request.get("/api/cron/cleanup-reservations", { headers: { authorization: "Bearer e2e-cron-secret-0123456789abcdefghijklmn" } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ ok: true, reservationsDeleted: expect.any(Number), checkoutsExpired: expect.any(Number) });
});
