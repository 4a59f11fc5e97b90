import path from "node:path";
import { pathToFileURL } from "node:url";
import { createClient } from "@libsql/client";
import { expect, expectAccessible, test } from "./fixtures";

/** The database file the Playwright config serves (playwright.libsql.config.ts names its own), read directly. */
function openShopDatabase() {
  return createClient({ url: pathToFileURL(path.resolve(process.env.E2E_DATABASE_FILE ?? ".tmp/e2e/store.db")).href });
}

// Runs against a production build with the demo seed and PAYMENTS_PROVIDER=local (playwright.config.ts):
// the local payment page sends signed Stripe-shaped events to the real webhook.

test("a shopper pays for their cart and sees only their own country's delivery rates on the way", async ({ page }) => {
  await page.goto("/products/merino-sock");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("add-to-cart-confirmation")).toBeVisible();

  // The right to cancel and the Terms, before the shopper pays: on the cart and again at checkout.
  const rightToCancel = page.getByText("You can cancel within 14 days of receiving your order for a refund.");
  const terms = page.getByRole("link", { name: "terms", exact: true });
  await page.goto("/cart");
  await expect(rightToCancel).toBeVisible();
  await expect(terms).toHaveAttribute("href", "/pages/terms");
  await page.getByRole("link", { name: "Checkout" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(rightToCancel).toBeVisible();
  await expect(terms).toHaveAttribute("href", "/pages/terms");

  const options = page.getByTestId("shipping-options");
  const country = page.getByLabel("Delivery country");

  // The picker lists only countries some zone serves.
  await expect(country.locator("option", { hasText: "Brazil" })).toHaveCount(0);

  await country.selectOption("US");
  await expect(page.getByText("Delivery to United States")).toBeVisible();
  await expect(options).toContainText("International Economy");
  await expect(options).not.toContainText("Royal Mail");
  await expect(options).not.toContainText("International Standard");

  await country.selectOption("FR");
  await expect(page.getByText("Delivery to France")).toBeVisible();
  await expect(options).toContainText("International Standard");
  await expect(options).not.toContainText("Royal Mail");
  await expect(options).not.toContainText("International Economy");

  await country.selectOption("GB");
  await expect(page.getByText("Delivery to United Kingdom")).toBeVisible();
  await expect(options).toContainText("Royal Mail 2nd Class");
  await expect(options).not.toContainText("International");

  // A code that does not exist is refused inline; a real one applies whatever its case.
  const code = page.getByLabel("Discount code");
  await code.fill("nosuchcode");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("That discount code isn't valid")).toBeVisible();
  await code.fill("welcome10");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Discount (WELCOME10)")).toBeVisible();

  await page.getByLabel("Email for your order confirmation").fill("e2e.shopper@example.com");
  await page.getByRole("button", { name: "Continue to payment" }).click();

  await expect(page).toHaveURL(/\/checkout\/local\/chk_/);
  // The payment page offers the same country's rates and nothing else.
  const radios = page.getByRole("radio");
  await expect(radios.first()).toBeChecked();
  await expect(page.getByText("Royal Mail 2nd Class", { exact: true })).toBeVisible();
  await expect(page.getByText("International Economy")).toHaveCount(0);
  await page.getByLabel("Full name").fill("Erin Tester");
  await page.getByLabel("Address line 1").fill("1 Hedgerow Lane");
  await page.getByLabel("Town or city").fill("Hebden Bridge");
  await page.getByLabel("Postcode").fill("HX7 8AA");
  await page.getByRole("button", { name: /^Pay / }).click();

  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_local_/);
  await expect(page.getByRole("heading", { name: /Thank you/ })).toBeVisible();
  // The webhook creates the order; the page polls until it exists.
  await expect(page.getByTestId("order-number")).toHaveText(/^HD-\d+$/, { timeout: 20_000 });
  await expectAccessible(page);
  // The cart became the order: the header stops counting it, and the order page is one click away.
  await expect(page.getByTestId("header-cart-count")).toHaveText("0");
  const orderNumber = await page.getByTestId("order-number").innerText();
  await page.getByTestId("order-page-link").click();
  await expect(page).toHaveURL(new RegExp(`/order/${orderNumber}$`));
});

test("when the payment webhook never arrives, the success page asks the provider and still shows the order", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/products/merino-sock");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("add-to-cart-confirmation")).toBeVisible();

  await page.goto("/checkout");
  await page.getByLabel("Delivery country").selectOption("GB");
  await expect(page.getByText("Delivery to United Kingdom")).toBeVisible();
  await page.getByLabel("Email for your order confirmation").fill("late.webhook@example.com");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page).toHaveURL(/\/checkout\/local\/chk_/);
  await page.getByLabel("Full name").fill("Lena Late");
  await page.getByLabel("Address line 1").fill("3 Weir Street");
  await page.getByLabel("Town or city").fill("Todmorden");
  await page.getByLabel("Postcode").fill("OL14 5AB");
  await page.getByLabel("Hold back the webhook").check();
  await page.getByRole("button", { name: /^Pay / }).click();

  await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_local_/);
  const sessionId = new URL(page.url()).searchParams.get("session_id")!;
  // Nothing told the store yet: the page waits, then the status API asks the provider itself.
  await expect(page.getByRole("status")).toContainText("We’re confirming your payment");
  await expectAccessible(page);
  await expect(page.getByTestId("order-number")).toHaveText(/^HD-\d+$/, { timeout: 20_000 });
  await expect(page.getByTestId("confirmation-email")).toContainText("We’ve emailed your confirmation to l…@example.com");
  await expect(page.getByTestId("success-items")).toContainText("Merino Sock");
  await expect(page.getByTestId("success-address")).toContainText("3 Weir Street");
  await expect(page.getByTestId("success-address")).toContainText("OL14 5AB");
  await expect(page.getByTestId("success-total")).toHaveText(/^£\d+\.\d\d$/);
  await expectAccessible(page);
  // Nothing spills sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: "test-results/checkout-success-late-webhook.png", fullPage: true });

  // One order, applied once under the success page's event id; the confirmation email queued once.
  const database = openShopDatabase();
  try {
    const { rows } = await database.execute({
      sql: `SELECT (SELECT count(*) FROM orders WHERE payment_session_id = ?) AS orders,
                   (SELECT count(*) FROM webhook_events WHERE id = ?) AS syncs,
                   (SELECT count(*) FROM email_outbox e JOIN orders o ON o.id = e.order_id
                     WHERE o.payment_session_id = ? AND e.kind = 'order_confirmation') AS confirmations`,
      args: [sessionId, `sync_${sessionId}`, sessionId],
    });
    expect(rows[0]).toMatchObject({ orders: 1, syncs: 1, confirmations: 1 });
  } finally {
    database.close();
  }

  // A reload shows the same order from our records.
  await page.reload();
  await expect(page.getByTestId("order-number")).toHaveText(/^HD-\d+$/);
});

test("a declined payment brings the shopper back to checkout with nothing charged", async ({ page }) => {
  await page.goto("/products/merino-sock");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("add-to-cart-confirmation")).toBeVisible();

  await page.goto("/checkout");
  await page.getByLabel("Email for your order confirmation").fill("e2e.decline@example.com");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page).toHaveURL(/\/checkout\/local\//);
  await page.getByRole("button", { name: "Decline" }).click();

  await expect(page).toHaveURL(/\/checkout\?payment=declined/);
  await expect(page.getByText("Your payment was declined and nothing was charged")).toBeVisible();
  // The cart is still there to try again.
  await expect(page.getByRole("button", { name: "Continue to payment" })).toBeEnabled();
});

test("buying the last skein through the whole flow leaves the product page saying sold out", async ({ page }) => {
  // Alpaca Fingering in Charcoal has one skein left in the demo data.
  await page.goto("/products/alpaca-fingering");
  await page.getByRole("radio", { name: /Charcoal/ }).check({ force: true });
  await expect(page.getByTestId("stock-status")).toHaveText("Only 1 left");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("add-to-cart-confirmation")).toBeVisible();

  await page.goto("/checkout");
  await page.getByLabel("Delivery country").selectOption("GB");
  await expect(page.getByText("Delivery to United Kingdom")).toBeVisible();
  await page.getByLabel("Email for your order confirmation").fill("last.skein@example.com");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page).toHaveURL(/\/checkout\/local\/chk_/);

  // While the shopper is on the payment page the skein is held for them.
  const other = await page.context().browser()!.newPage();
  await other.goto("/products/alpaca-fingering");
  await other.getByRole("radio", { name: /Charcoal/ }).check({ force: true });
  await expect(other.getByTestId("stock-status")).toHaveText("Sold out");

  await page.getByLabel("Full name").fill("Lastly Skein");
  await page.getByLabel("Address line 1").fill("2 Mill Lane");
  await page.getByLabel("Town or city").fill("York");
  await page.getByLabel("Postcode").fill("YO1 7HH");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("order-number")).toHaveText(/^HD-\d+$/, { timeout: 20_000 });

  // Paid: the stock itself went down, so the colourway stays sold out for everyone.
  await other.reload();
  await other.getByRole("radio", { name: /Charcoal/ }).check({ force: true });
  await expect(other.getByTestId("stock-status")).toHaveText("Sold out");
  await expect(other.getByRole("button", { name: "Sold out" })).toBeDisabled();
  await other.close();

  // The unit left stock, the hold was converted.
  const database = openShopDatabase();
  try {
    const { rows } = await database.execute(
      `SELECT v.stock, (SELECT count(*) FROM stock_reservations r WHERE r.variant_id = v.id) AS holds,
              (SELECT sum(delta) FROM inventory_adjustments a WHERE a.variant_id = v.id) AS ledger
         FROM product_variants v WHERE v.sku = 'AF-CHA'`,
    );
    expect(rows[0]).toMatchObject({ stock: 0, holds: 0, ledger: 0 });
  } finally {
    database.close();
  }
});
