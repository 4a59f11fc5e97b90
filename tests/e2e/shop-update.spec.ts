import path from "node:path";
import { pathToFileURL } from "node:url";
import { createClient } from "@libsql/client";
import { audit, expect, signIn, test } from "./fixtures";

// Runs against a production build with the demo seed and PAYMENTS_PROVIDER=local (playwright.config.ts).
// The update is written straight into the shop's database: the owner's admin for it is another page.

function openShopDatabase() {
  return createClient({ url: pathToFileURL(path.resolve(process.env.E2E_DATABASE_FILE ?? ".tmp/e2e/store.db")).href });
}

const UPDATE_ID = 9027;

test("a shopper in a live update sees the limit message and the hold timer on the cart, checkout and payment pages", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
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

test("the owner schedules an update ahead and a shopper lives through it: not live at checkout, the countdown, the flip without a reload, the limit and the hold timer", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  // The owner's form is walked through in admin-updates.spec.ts; here the owner's API schedules it (same session, same writer).
  await signIn(page, "/admin/updates");
  const database = openShopDatabase();
  // Chunky Merino, Forest: no other browser test buys it or counts its stock.
  const { rows } = await database.execute(`
    SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
     WHERE p.slug = 'chunky-merino' AND v.name = 'Forest'`);
  database.close();
  const variantId = Number(rows[0]!.id);
  // An old tab: the skein went into the cart before the owner put it in the update.
  const early = await page.request.post("/api/cart", { data: { variantId, quantity: 1 }, headers: { origin: baseURL! } });
  expect(early.status()).toBe(200);
  // Far enough ahead on the server's clock for the checkout's refusal on a busy machine; the browser's
  // clock is then set to five minutes before it, so the countdown and the flip never race the load.
  const liveAt = new Date(Date.now() + 75_000);
  const previewAt = new Date(liveAt.getTime() - 10 * 60_000);
  const created = await page.request.post("/api/admin/updates", {
    headers: { origin: baseURL! },
    data: {
      name: "E2E Saturday update",
      previewAt: previewAt.toISOString(),
      liveAt: liveAt.toISOString(),
      limitPerCustomer: 2,
      holdMinutes: 10,
      items: [{ variantId }],
    },
  });
  expect(created.status()).toBe(201);
  const updateId = ((await created.json()) as { update: { id: number } }).update.id;

  try {
    await page.clock.install({ time: new Date(liveAt.getTime() - 5 * 60_000) });
    const ukClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" }).format(liveAt);
    await page.goto("/checkout");
    await page.getByLabel("Email for your order confirmation").fill("e2e.saturday@example.com");
    await page.getByRole("button", { name: "Continue to payment" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "E2E Saturday update is not live yet" });
    await expect(refusal).toBeVisible();
    await expect(refusal.getByTestId("not-live-time")).toContainText(`You can pay from ${ukClock} (UK time).`);
    await expect(page.getByRole("button", { name: "Continue to payment" })).toBeDisabled();
    await audit(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: testInfo.outputPath("checkout-not-live-375.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    // The page comes from the catalog the save just expired: it knows the update and counts down.
    await page.goto(`/products/chunky-merino?variant=${variantId}`);
    const status = page.getByTestId("update-status");
    const londonClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", hour: "2-digit", minute: "2-digit" }).format(liveAt).replace(" at ", " ");
    await expect(status).toContainText(`Goes live ${londonClock} (UK time)`);
    const timer = page.getByRole("timer");
    await expect(timer).toHaveText(/^in [1-5]:[0-5]\d$/);
    const before = await timer.innerText();
    await expect(timer).not.toHaveText(before);
    await expect(page.getByRole("button", { name: "Not on sale yet" })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath("countdown-desktop.png"), fullPage: false });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: testInfo.outputPath("countdown-375.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    // The server's minute passes, but this browser's clock is still minutes behind: the page waits for it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, liveAt.getTime() + 1_000 - Date.now())));
    await expect(status).toHaveAttribute("data-state", "preview");
    await expect(page.getByRole("button", { name: "Not on sale yet" })).toBeDisabled();
    // The minute arrives on the browser's clock: the same document flips, no reload and no navigation.
    await page.evaluate(() => document.documentElement.setAttribute("data-before-flip", "yes"));
    await page.clock.setSystemTime(new Date());
    const addButton = page.getByRole("button", { name: "Add to cart" });
    await expect(addButton).toBeEnabled({ timeout: 30_000 });
    await expect(page.getByRole("status").filter({ hasText: "E2E Saturday update is live now" })).toHaveCount(1);
    await expect(page.locator("html")).toHaveAttribute("data-before-flip", "yes");
    await expect(status).toHaveAttribute("data-state", "live");
    await audit(page);
    await page.screenshot({ path: testInfo.outputPath("live-desktop.png") });

    await addButton.click();
    await expect(page.getByTestId("add-to-cart-confirmation")).toContainText("Added 1 × Chunky Merino, Forest to your cart.");
    // A third one is over the update's limit of two per customer: the shop says so, and the cart keeps two.
    await addButton.click();
    await expect(page.getByTestId("add-to-cart-error")).toHaveText("This update allows 2 per customer.");
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: testInfo.outputPath("limit-375.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.goto("/checkout");
    await expect(page.getByRole("list", { name: "Items" })).toContainText("Chunky Merino – Forest × 2");
    await page.getByLabel("Email for your order confirmation").fill("e2e.saturday@example.com");
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await expect(page.getByRole("heading", { name: "Complete your payment" })).toBeVisible();
    await expect(page.getByTestId("hold-countdown")).toContainText(/Held for you until \d\d:\d\d/);
    await expect(page.getByRole("timer")).toHaveText(/\((9|10):\d\d left\)/);
    await audit(page);

    await page.goto("/checkout");
    await expect(page.getByTestId("hold-countdown")).toContainText(/Held for you until \d\d:\d\d/);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: testInfo.outputPath("checkout-hold-375.png"), fullPage: true });
  } finally {
    // Closed (or, when the test stopped before the minute, cancelled), the colourway sells as ordinary stock again for the tests after this one.
    const closed = await page.request.post(`/api/admin/updates/${updateId}/close`, { headers: { origin: baseURL! } });
    if (closed.status() !== 200) await page.request.post(`/api/admin/updates/${updateId}/cancel`, { headers: { origin: baseURL! } });
  }
});
