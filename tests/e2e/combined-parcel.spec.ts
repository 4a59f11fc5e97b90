import path from "node:path";
import { pathToFileURL } from "node:url";
import { createClient } from "@libsql/client";
import type { Page } from "@playwright/test";
import { audit, expect, signIn, test } from "./fixtures";

// One parcel per customer: a second order in the same shop update ships free with the first.
// Runs against a production build with the demo seed and PAYMENTS_PROVIDER=local (playwright.config.ts);
// the update is written straight into the shop's database, as in shop-update.spec.ts.

function openShopDatabase() {
  return createClient({ url: pathToFileURL(path.resolve(process.env.E2E_DATABASE_FILE ?? ".tmp/e2e/store.db")).href });
}

const UPDATE_ID = 9028;
const EMAIL = "e2e.parcel@example.com";

async function buy(page: Page, baseURL: string, variantId: number): Promise<void> {
  const added = await page.request.post("/api/cart", { data: { variantId, quantity: 1 }, headers: { origin: baseURL } });
  expect(added.status()).toBe(200);
  await page.goto("/checkout");
  await page.getByLabel("Delivery country").selectOption("GB");
  await page.getByLabel("Email for your order confirmation").fill(EMAIL);
  await page.getByLabel("Email for your order confirmation").press("Tab");
}

async function pay(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page).toHaveURL(/\/checkout\/local\/chk_/);
  await page.getByLabel("Full name").fill("Parcel Tester");
  await page.getByLabel("Address line 1").fill("5 Loom Street");
  await page.getByLabel("Town or city").fill("Halifax");
  await page.getByLabel("Postcode").fill("HX1 2AB");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_local_/);
  await expect(page.getByTestId("order-number")).toHaveText(/^HD-\d+$/, { timeout: 20_000 });
  return page.getByTestId("order-number").innerText();
}

test("a second order in the same update ships free with the first, and the packing slip lists both", async ({ page, baseURL }) => {
  // Two checkouts, two payments and the admin: longer than one page visit on a shared machine.
  test.setTimeout(240_000);
  const database = openShopDatabase();
  // Two variants in stock that no other browser test buys: the second-newest active product's.
  const { rows } = await database.execute(`
    SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
     WHERE p.status = 'active' AND v.is_active = 1 AND v.stock >= 3 AND p.slug <> 'merino-sock'
     ORDER BY p.id DESC, v.id LIMIT 3 OFFSET 1`);
  const [first, second] = rows.map((row) => Number(row.id));
  const liveAt = new Date(Date.now() - 60_000).toISOString();
  await database.execute({ sql: "INSERT INTO shop_updates (id, name, live_at) VALUES (?, 'Parcel update', ?)", args: [UPDATE_ID, liveAt] });
  for (const variantId of [first!, second!]) {
    await database.execute({ sql: "INSERT INTO shop_update_items (update_id, variant_id) VALUES (?, ?)", args: [UPDATE_ID, variantId] });
  }
  try {
    await buy(page, baseURL!, first!);
    await expect(page.getByTestId("combined-parcel")).toHaveCount(0);
    const firstNumber = await pay(page);

    await buy(page, baseURL!, second!);
    const combined = page.getByTestId("combined-parcel");
    await expect(combined).toContainText(`Combined with ${firstNumber} — no extra shipping`);
    await expect(combined).toContainText(`Ships with ${firstNumber} to P. T., 5 L…, H…, HX1 …`);
    const options = page.getByTestId("shipping-options").getByRole("listitem");
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText(`Combined with ${firstNumber}`);
    await expect(options.first()).toContainText("Free");
    await audit(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(combined).toBeVisible();
    await audit(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    const secondNumber = await pay(page);

    const ids = await database.execute({ sql: "SELECT id, order_number, shipping_total FROM orders WHERE order_number IN (?, ?) ORDER BY id", args: [firstNumber, secondNumber] });
    const [firstId, secondId] = ids.rows.map((row) => Number(row.id));
    expect(Number(ids.rows[1]!.shipping_total)).toBe(0);

    await signIn(page, `/admin/orders/${secondId}`);
    const linked = page.getByTestId("linked-orders");
    await expect(linked.getByRole("link", { name: firstNumber })).toBeVisible();
    await linked.getByRole("link", { name: firstNumber }).click();
    await expect(page.getByRole("heading", { name: `Order ${firstNumber}` })).toBeVisible();
    await expect(page.getByTestId("linked-orders").getByRole("link", { name: secondNumber })).toBeVisible();
    await audit(page);

    await page.getByRole("link", { name: "Packing slip" }).click();
    await expect(page.getByText(`Orders ${firstNumber}, ${secondNumber}`)).toBeVisible();
    await expect(page.getByText(`Order ${firstNumber}`, { exact: true })).toBeVisible();
    await expect(page.getByText(`Order ${secondNumber}`, { exact: true })).toBeVisible();
    await expect(page.locator("tbody tr")).toHaveCount(4);
    await audit(page);

    await page.goto(`/admin/orders/${firstId}`);
    await page.getByRole("button", { name: "Fulfil order" }).click();
    const together = page.getByLabel(`Also ship ${secondNumber} in this parcel, with the same tracking and one email`);
    await expect(together).toBeChecked();
    await audit(page);
    await page.getByLabel("Tracking number").fill("RM555000111GB");
    await page.getByRole("button", { name: "Mark as shipped" }).click();
    await expect(page.getByText("Order marked as shipped.")).toBeVisible();
    const shipped = await database.execute({ sql: "SELECT status, tracking_number FROM orders WHERE id IN (?, ?) ORDER BY id", args: [firstId!, secondId!] });
    expect(shipped.rows.map((row) => [row.status, row.tracking_number])).toEqual([
      ["shipped", "RM555000111GB"],
      ["shipped", "RM555000111GB"],
    ]);

    await page.goto("/admin/orders");
    await expect(page.getByText("Combined", { exact: true }).first()).toBeVisible();
  } finally {
    await database.execute({ sql: "DELETE FROM shop_update_items WHERE update_id = ?", args: [UPDATE_ID] });
    await database.execute({ sql: "DELETE FROM shop_updates WHERE id = ?", args: [UPDATE_ID] });
    database.close();
  }
});
