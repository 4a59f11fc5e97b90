import path from "node:path";
import { pathToFileURL } from "node:url";
import { createClient } from "@libsql/client";
import { expect, test } from "./fixtures";

// Runs against a production build with the demo seed and PAYMENTS_PROVIDER=local (playwright.config.ts).
// The update is written straight into the shop's database: the owner's admin for it is another page.

function openShopDatabase() {
  return createClient({ url: pathToFileURL(path.resolve(process.env.E2E_DATABASE_FILE ?? ".tmp/e2e/store.db")).href });
}

const UPDATE_ID = 9027;

test("a shopper in a live update sees the limit message and the hold timer on the cart, checkout and payment pages", async ({ page, baseURL }) => {
  const database = openShopDatabase();
  // A variant in stock that no other browser test buys: the newest active product's first variant.
  const { rows } = await database.execute(`
    SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
     WHERE p.status = 'active' AND v.is_active = 1 AND v.stock >= 3 AND p.slug <> 'merino-sock'
     ORDER BY p.id DESC, v.id LIMIT 1`);
  const variantId = Number(rows[0]!.id);
  const liveAt = new Date(Date.now() - 60_000).toISOString();
  await database.execute({ sql: "INSERT INTO shop_updates (id, name, live_at, limit_per_customer, hold_minutes) VALUES (?, 'Friday update', ?, 1, 10)", args: [UPDATE_ID, liveAt] });
  await database.execute({ sql: "INSERT INTO shop_update_items (update_id, variant_id) VALUES (?, ?)", args: [UPDATE_ID, variantId] });
  try {
    const added = await page.request.post("/api/cart", { data: { variantId, quantity: 1 }, headers: { origin: baseURL! } });
    expect(added.status()).toBe(200);

    await page.goto("/cart");
    await page.getByRole("button", { name: /^Increase quantity of / }).click();
    await expect(page.getByText("This update allows 1 per customer.")).toBeVisible();

    await page.getByRole("link", { name: "Checkout" }).click();
    await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
    await page.getByLabel("Email for your order confirmation").fill("e2e.update@example.com");
    await page.getByRole("button", { name: "Continue to payment" }).click();

    await expect(page.getByRole("heading", { name: "Complete your payment" })).toBeVisible();
    const hold = page.getByTestId("hold-countdown");
    await expect(hold).toContainText(/Held for you until \d\d:\d\d/);
    await expect(page.getByRole("timer")).toHaveText(/\((9|10):\d\d left\)/);
    const first = await page.getByRole("timer").innerText();
    await expect(page.getByRole("timer")).not.toHaveText(first);

    await page.goto("/cart");
    await expect(page.getByTestId("hold-countdown")).toContainText(/Held for you until \d\d:\d\d/);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/checkout");
    await expect(page.getByTestId("hold-countdown")).toBeVisible();
  } finally {
    await database.execute({ sql: "DELETE FROM shop_update_items WHERE update_id = ?", args: [UPDATE_ID] });
    await database.execute({ sql: "DELETE FROM shop_updates WHERE id = ?", args: [UPDATE_ID] });
    database.close();
  }
});
