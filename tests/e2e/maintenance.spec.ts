import { type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../../playwright.config";
import { expect, expectAccessible, test } from "./fixtures";

const CRON_SECRET = "e2e-cron-secret-0123456789abcdefghijklmn";
const MESSAGE = "We are dyeing the winter batch. Back on Thursday!";

async function signIn(page: Page) {
  const response = await page.request.post("/api/admin/session", { data: { password: E2E_ADMIN_PASSWORD } });
  expect(response.status()).toBe(204);
}

/** The flag is cached for up to 5 seconds per instance: a change shows within that, not at once. */
const WITHIN_CACHE = { timeout: 8_000, intervals: [250, 500, 1_000] };

async function shopperStatus(request: APIRequestContext, path = "/") {
  return (await request.get(path)).status();
}

async function openShopper(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  return { context, page: await context.newPage() };
}

test.describe("maintenance mode", () => {
  test.afterEach(async ({ page }) => {
    // Whatever happened above, the next spec finds the shop open.
    await page.request.put("/api/admin/settings/maintenance", { data: { enabled: false, message: MESSAGE, window: null } });
  });

  test("the owner closes the shop, a shopper sees the back-soon page, the machines carry on, the owner reopens", async ({ page, browser, baseURL }) => {
    await signIn(page);
    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { name: "Maintenance mode" })).toBeVisible();
    await expect(page.getByText("The storefront is open.")).toBeVisible();

    await page.getByLabel("Close the storefront now (maintenance mode)").check();
    await page.getByLabel("Message for shoppers").fill(MESSAGE);
    await page.getByRole("button", { name: "Save maintenance settings" }).click();
    const confirm = page.getByRole("dialog", { name: "Close the storefront now?" });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Close the storefront" }).click();
    await expect(page.getByRole("region", { name: "Maintenance mode" }).getByRole("status")).toHaveText("Saved. The storefront is closed to shoppers.");
    await expect(page.getByText("The storefront is closed to shoppers right now.")).toBeVisible();

    // A shopper in a browser of their own.
    const shopper = await openShopper(browser, baseURL!);
    await expect.poll(() => shopperStatus(shopper.context.request), WITHIN_CACHE).toBe(503);
    const response = await shopper.page.goto("/products");
    expect(response?.status()).toBe(503);
    expect(Number(response?.headers()["retry-after"])).toBeGreaterThan(0);
    await expect(shopper.page.getByRole("heading", { level: 1, name: "We’ll be back soon" })).toBeVisible();
    await expect(shopper.page.getByText(MESSAGE)).toBeVisible();
    await expect(shopper.page.getByRole("link", { name: "Your cart" })).toHaveCount(0);
    await expectAccessible(shopper.page);
    await shopper.page.screenshot({ path: "test-results/maintenance.png", fullPage: true });

    // The order page, where every order email links, stays open: its email form answers too.
    const orderPage = await shopper.page.goto("/order/HD-0000");
    expect(orderPage?.status()).toBe(200);
    await expect(shopper.page.getByRole("heading", { level: 1, name: "Find your order" })).toBeVisible();
    await shopper.page.getByLabel("Email address used at checkout").fill("nobody@example.com");
    await shopper.page.getByRole("button", { name: "View order" }).click();
    await expect(shopper.page.getByLabel("Email address used at checkout")).toHaveAttribute("aria-invalid", "true");
    await expect(shopper.page.getByRole("region", { name: "The shop is closed" })).toHaveCount(0);

    // A shopper who has just paid still sees the result: the success page and its status API stay open.
    expect((await shopper.context.request.get("/api/checkout/status?session_id=cs_local_unknown")).status()).toBe(404);
    const success = await shopper.page.goto("/checkout/success?session_id=cs_local_unknown");
    expect(success?.status()).toBe(200);
    await expect(shopper.page.getByRole("heading", { level: 1, name: "We couldn’t find that payment" })).toBeVisible();

    // Storefront APIs answer the JSON error.
    const cart = await shopper.context.request.get("/api/cart");
    expect(cart.status()).toBe(503);
    expect(await cart.json()).toMatchObject({ error: { code: "maintenance", message: MESSAGE } });
    const checkout = await shopper.context.request.post("/api/checkout/session", { data: {} });
    expect(checkout.status()).toBe(503);

    // Everything exempt still works for the shopper's browser: health, cron, webhooks, sign-in, static files.
    const health = await shopper.context.request.get("/api/health");
    expect(health.status()).toBe(200);
    const cron = await shopper.context.request.get("/api/cron/cleanup-reservations", { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(cron.status()).toBe(200);
    const webhook = await shopper.context.request.post("/api/webhooks/stripe", { data: "{}", headers: { "content-type": "application/json" } });
    expect(webhook.status()).not.toBe(503);
    expect((await webhook.json()).error.code).not.toBe("maintenance");
    const signInPage = await shopper.context.request.get("/admin/sign-in");
    expect(signInPage.status()).toBe(200);
    expect((await shopper.context.request.get("/images/yarn/blush.svg")).status()).toBe(200);
    // The framework's own scripts, as the sign-in page links them.
    const script = /\/_next\/static\/[^"'?]+\.js/.exec(await signInPage.text())?.[0];
    expect(script).toBeTruthy();
    expect((await shopper.context.request.get(script!)).status()).toBe(200);
    expect((await shopper.context.request.get("/api/admin/analytics")).status()).toBe(401);

    // The signed-in owner can still walk round the shop to check it.
    const ownerView = await page.goto("/products");
    expect(ownerView?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("We’ll be back soon");
    await expect(page.getByRole("region", { name: "The shop is closed" })).toContainText("Shoppers see the “We’ll be back soon” page");
    await expectAccessible(page);

    // The owner reopens.
    await page.goto("/admin/settings");
    await page.getByLabel("Close the storefront now (maintenance mode)").uncheck();
    await page.getByRole("button", { name: "Save maintenance settings" }).click();
    await expect(page.getByRole("region", { name: "Maintenance mode" }).getByRole("status")).toHaveText("Saved. The storefront is open.");

    await expect.poll(() => shopperStatus(shopper.context.request, "/products"), WITHIN_CACHE).toBe(200);
    await shopper.page.goto("/products");
    await expect(shopper.page.getByRole("heading", { level: 1 })).not.toHaveText("We’ll be back soon");
    await page.goto("/products");
    await expect(page.getByRole("region", { name: "The shop is closed" })).toHaveCount(0);
    await shopper.context.close();
  });

  test("a scheduled window is saved in shop time and refused when it ends before it starts", async ({ page }) => {
    await signIn(page);
    await page.goto("/admin/settings");
    await page.getByLabel(/Close the storefront by itself between two times/).check();
    await page.getByLabel("Closes at").fill("2099-06-01T10:00");
    await page.getByLabel("Opens again at").fill("2099-06-01T09:00");
    await page.getByRole("button", { name: "Save maintenance settings" }).click();
    await expect(page.getByLabel("Opens again at")).toHaveAccessibleDescription("The window must end after it starts.");
    await expectAccessible(page);

    await page.getByLabel("Opens again at").fill("2099-06-01T12:00");
    await page.getByRole("button", { name: "Save maintenance settings" }).click();
    await expect(page.getByRole("region", { name: "Maintenance mode" }).getByRole("status")).toHaveText("Saved. The storefront is open.");
    await page.reload();
    await expect(page.getByLabel("Closes at")).toHaveValue("2099-06-01T10:00");
    await expect(page.getByLabel("Opens again at")).toHaveValue("2099-06-01T12:00");
    await expect(page.getByText("Scheduled to close from 1 Jun 2099, 10:00 until 1 Jun 2099, 12:00 (shop time).")).toBeVisible();
    await page.screenshot({ path: "test-results/maintenance-settings.png", fullPage: true });
  });
});
