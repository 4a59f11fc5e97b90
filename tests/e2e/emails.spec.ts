// Email against a production build with EMAIL_TRANSPORT=capture: a purchase's confirmation is sent after the
// webhook's response and shows in /admin/emails; a failed email can be retried from there.
import { expect, expectAccessible, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../../playwright.config";

async function signIn(page: Page, next = "/admin/emails") {
  await page.goto(`/admin/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[?]/g, "\\?")}$`));
}

test("a purchase ends with its confirmation listed as sent in /admin/emails, readable as HTML and text", async ({ page }) => {
  const shopper = `e2e.mail.${Date.now()}@example.com`;
  await page.goto("/products/merino-sock");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("add-to-cart-confirmation")).toBeVisible();
  await page.goto("/checkout");
  await page.getByLabel("Delivery country").selectOption("GB");
  await expect(page.getByText("Delivery to United Kingdom")).toBeVisible();
  await page.getByLabel("Email for your order confirmation").fill(shopper);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page).toHaveURL(/\/checkout\/local\/chk_/);
  await page.getByLabel("Full name").fill("Mel Mailer");
  await page.getByLabel("Address line 1").fill("3 Post Lane");
  await page.getByLabel("Town or city").fill("Leeds");
  await page.getByLabel("Postcode").fill("LS1 4AB");
  await page.getByRole("button", { name: /^Pay / }).click();
  const orderNumber = page.getByTestId("order-number");
  await expect(orderNumber).toHaveText(/^HD-\d+$/, { timeout: 20_000 });
  const number = (await orderNumber.textContent())!.trim();

  await signIn(page);
  await expect(page.getByRole("heading", { name: "Emails", level: 1 })).toBeVisible();
  const row = page.getByTestId("email-row").filter({ hasText: shopper });
  await expect(row).toHaveCount(1);
  // Sent by the drain that runs after the webhook's response: no cron call anywhere in this test.
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("email-status")).toHaveText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(row).toContainText("Order confirmation");
  await expect(row).toContainText(number);
  await expect(row).toContainText("1 attempt");

  await row.getByRole("link", { name: new RegExp(`order ${number} confirmed`) }).click();
  await expect(page).toHaveURL(/\/admin\/emails\/\d+$/);
  await expectAccessible(page);
  await expect(page.getByText(/^captured-/)).toBeVisible();
  const frame = page.locator("iframe");
  // Scripts stay off; same-origin only lets the page measure the message.
  await expect(frame).toHaveAttribute("sandbox", "allow-same-origin");
  // The whole message shows: the frame is as tall as its document, so nothing is cut off or scrolls inside it.
  const hiddenBelow = () => frame.evaluate((node: HTMLIFrameElement) => node.contentDocument!.documentElement.scrollHeight - node.clientHeight);
  await expect.poll(hiddenBelow).toBeLessThanOrEqual(0);
  await expect(page.frameLocator("iframe").getByText("Questions? Reply to this email")).toBeVisible();
  await page.screenshot({ path: "test-results/admin-email-detail.png", fullPage: true });
  await expect(page.frameLocator("iframe").getByText(number)).toBeVisible();
  await expect(page.frameLocator("iframe").getByText("Thank you, Mel!")).toBeVisible();
  await expect(page.getByTestId("email-text")).toContainText(`order ${number}`);
  await expect(page.getByTestId("email-text")).toContainText("/order/" + number + "?token=");

  // The order link leads to the order.
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { name: `Order ${number}` })).toBeVisible();
});

test("the owner retries the demo shop's failed email after confirming, and it goes out", async ({ page }) => {
  await signIn(page, "/admin");
  const panel = page.getByRole("region", { name: /Failed emails/ });
  await panel.getByRole("link", { name: "Failed emails" }).click();
  await expect(page).toHaveURL(/\/admin\/emails\?status=failed$/);
  await expectAccessible(page);
  const row = page.getByTestId("email-row").filter({ hasText: "Recipient mailbox unavailable (550)" });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("email-status")).toHaveText("Failed");
  const subject = (await row.getByRole("link").first().textContent())!.trim();

  // Cancelling changes nothing.
  await row.getByRole("button", { name: "Retry now" }).click();
  const dialog = page.getByRole("dialog", { name: "Send this email again?" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId("email-status")).toHaveText("Failed");

  await row.getByRole("button", { name: "Retry now" }).click();
  await dialog.getByRole("button", { name: "Retry now" }).click();
  await expect(page.getByText("No failed emails.")).toBeVisible();

  await page.goto("/admin/emails?status=sent");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("email-row").filter({ hasText: subject }).getByTestId("email-status")).toHaveText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});

test("the email pages fit a phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(await fits()).toBe(true);
  await page.getByTestId("email-row").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/emails\/\d+$/);
  await expectAccessible(page);
  expect(await fits()).toBe(true);
  const frame = page.getByTestId("email-frame");
  await expect.poll(() => frame.evaluate((node: HTMLIFrameElement) => node.contentDocument!.documentElement.scrollHeight - node.clientHeight)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/admin-email-detail-phone.png", fullPage: true });
});

test("the cron endpoint refuses without the secret and drains with it", async ({ request }) => {
  expect((await request.get("/api/cron/send-emails")).status()).toBe(401);
  const response = await request.get("/api/cron/send-emails", { headers: { authorization: "Bearer e2e-cron-secret-0123456789abcdefghijklmn" } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ ok: true, failed: 0 });
});
