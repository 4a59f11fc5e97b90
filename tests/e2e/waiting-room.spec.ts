import path from "node:path";
import { pathToFileURL } from "node:url";
import { createClient } from "@libsql/client";
import { audit, expect, test } from "./fixtures";

// Runs against a production build with the demo seed and PAYMENTS_PROVIDER=local (playwright.config.ts).
// The update is written straight into the shop's database: the owner's admin for it is another page.

function openShopDatabase() {
  return createClient({ url: pathToFileURL(path.resolve(process.env.E2E_DATABASE_FILE ?? ".tmp/e2e/store.db")).href });
}

const UPDATE_ID = 9028;
/** Long enough to open the room and join before the live minute, short enough to wait for. */
const OPENS_IN_MS = 45_000;

test("a shopper waits in the room before the minute, is let in at it, and buys; without the pass the cart refuses", async ({ page, baseURL, playwright }) => {
  // Most of it is the wait for the live minute, long enough for a slow machine to open the room before it.
  test.setTimeout(240_000);
  const database = openShopDatabase();
  // A product in stock that no other browser test buys: the oldest active product but the sock.
  const { rows } = await database.execute(`
    SELECT p.id, p.name, p.slug FROM products p
     WHERE p.status = 'active' AND p.slug <> 'merino-sock'
       AND EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.is_active = 1 AND v.stock >= 3)
     ORDER BY p.id LIMIT 1`);
  const product = { id: Number(rows[0]!.id), name: String(rows[0]!.name), slug: String(rows[0]!.slug) };
  const liveAt = new Date(Date.now() + OPENS_IN_MS).toISOString();
  await database.execute({ sql: "INSERT INTO shop_updates (id, name, live_at, hold_minutes, admit_per_minute) VALUES (?, 'Sunday update', ?, 10, 1)", args: [UPDATE_ID, liveAt] });
  await database.execute({ sql: "INSERT INTO shop_update_items (update_id, variant_id) SELECT ?, id FROM product_variants WHERE product_id = ? AND is_active = 1", args: [UPDATE_ID, product.id] });
  const stranger = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  try {
    const { rows: variants } = await database.execute({ sql: "SELECT id FROM product_variants WHERE product_id = ? AND is_active = 1 AND stock >= 3 LIMIT 1", args: [product.id] });
    const variantId = Number(variants[0]!.id);

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/updates/${UPDATE_ID}/waiting-room`);
    await expect(page.getByRole("heading", { name: "Sunday update" })).toBeVisible();
    await page.getByLabel(/Email/).fill("e2e.room@example.com");
    await page.getByRole("button", { name: "Join the queue" }).click();
    await expect(page.getByRole("heading", { name: "You’re in the queue" })).toBeVisible();
    await audit(page);

    // At the live minute the draw places the shopper (the only early arrival: first) and lets them in.
    await expect(page.getByRole("heading", { name: "It’s your turn" })).toBeVisible({ timeout: OPENS_IN_MS + 20_000 });
    await audit(page);

    // Another browser that skipped the room is sent to it.
    const refused = await stranger.post("/api/cart", { data: { variantId, quantity: 1 } });
    expect(refused.status()).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "not_admitted", roomUrl: `/updates/${UPDATE_ID}/waiting-room` } });

    await page.getByRole("link", { name: `Shop ${product.name}` }).click();
    await expect(page).toHaveURL(new RegExp(`/products/${product.slug}`));
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("add-to-cart-confirmation")).toBeVisible();

    await page.goto("/checkout");
    await page.getByLabel("Delivery country").selectOption("GB");
    await page.getByLabel("Email for your order confirmation").fill("e2e.room@example.com");
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await expect(page).toHaveURL(/\/checkout\/local\/chk_/);
    await page.getByLabel("Full name").fill("Rhoda Room");
    await page.getByLabel("Address line 1").fill("9 Queue Lane");
    await page.getByLabel("Town or city").fill("Hebden Bridge");
    await page.getByLabel("Postcode").fill("HX7 8AD");
    await page.getByRole("button", { name: /^Pay / }).click();
    await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_local_/);
    await expect(page.getByTestId("order-number")).toHaveText(/^HD-\d+$/, { timeout: 20_000 });

    const { rows: entries } = await database.execute({ sql: "SELECT position, admitted_at FROM waiting_room_entries WHERE update_id = ?", args: [UPDATE_ID] });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.position).toBe(1);
    expect(entries[0]!.admitted_at).not.toBeNull();
  } finally {
    await stranger.dispose();
    await database.execute({ sql: "DELETE FROM waiting_room_entries WHERE update_id = ?", args: [UPDATE_ID] });
    await database.execute({ sql: "DELETE FROM shop_update_items WHERE update_id = ?", args: [UPDATE_ID] });
    await database.execute({ sql: "DELETE FROM shop_updates WHERE id = ?", args: [UPDATE_ID] });
    database.close();
  }
});
