// Notify-me against a production build: a shopper signs up for a sold-out colourway, the owner restocks it in the
// admin, and the back_in_stock email shows in /admin/emails with an unsubscribe link that works.
import { audit, expect, expectAccessible, signIn, test } from "./fixtures";

test("a shopper waits for Bracken, the owner restocks it, the back-in-stock email is queued with a working unsubscribe link", async ({ page }) => {
  // A walk through the storefront, the admin and the email: longer than one page's budget.
  test.setTimeout(180_000);
  const shopper = `e2e.waitlist.${Date.now()}@example.com`;

  // The shopper: Merino Sock in Bracken is sold out in the demo shop.
  await page.goto("/products/merino-sock");
  await page.locator("label").filter({ hasText: "Bracken" }).click();
  await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
  const notify = page.getByTestId("notify-me");
  await expect(notify.getByRole("heading", { name: "Email me when it's back" })).toBeVisible();
  await notify.getByLabel("Email address").fill(shopper);
  // Without the consent tick nothing is sent, and the form says why.
  await notify.getByRole("button", { name: "Notify me" }).click();
  await expect(notify.getByTestId("notify-me-error")).toContainText("Tick the box");
  await notify.getByRole("checkbox").check();
  await notify.getByRole("button", { name: "Notify me" }).click();
  await expect(notify.getByTestId("notify-me-done")).toContainText(`We will email ${shopper}`);
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(notify.getByTestId("notify-me-done")).toBeVisible();
  await page.screenshot({ path: "test-results/waitlist-notify-me.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The owner sees one knitter waiting on the product editor, and restocks two skeins from the inventory.
  await signIn(page, "/admin/products");
  await page.getByRole("link", { name: "Merino Sock", exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/products\/\d+$/);
  await expect(page.getByTestId("waitlist-counts")).toContainText("Bracken");
  await expect(page.getByTestId("waitlist-counts")).toContainText("1 waiting");
  await audit(page);
  await page.goto("/admin/inventory?q=Bracken");
  const row = page.getByTestId("inventory-row").filter({ hasText: "Merino Sock" });
  await expect(row).toHaveCount(1);
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Adjust stock" }).click();
  const dialog = page.getByRole("dialog", { name: "Adjust stock" });
  await dialog.getByLabel("Add units").check();
  await dialog.getByLabel("Units", { exact: true }).fill("2");
  await dialog.getByLabel("Reason").selectOption("received");
  await dialog.getByRole("button", { name: "Review changes" }).click();
  const review = page.getByRole("dialog", { name: "Confirm stock changes" });
  await review.getByRole("button", { name: /^Confirm/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stock adjusted" })).toBeVisible();

  // Queued and sent after the owner's response: no cron call in this test.
  await page.goto("/admin/emails");
  const email = page.getByTestId("email-row").filter({ hasText: shopper });
  await expect(async () => {
    await page.reload();
    await expect(email).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(email).toContainText("Back in stock");
  await expect(email).toContainText("Merino Sock – Bracken is back in stock");
  await email.getByRole("link", { name: /is back in stock/ }).click();
  await expect(page).toHaveURL(/\/admin\/emails\/\d+$/);
  await audit(page);
  const unsubscribe = page.frameLocator("iframe").getByRole("link", { name: "Unsubscribe from this waitlist" });
  const href = (await unsubscribe.getAttribute("href"))!;
  expect(href).toMatch(/\/waitlist\/unsubscribe\?token=\d+\.[\w-]{22}$/);

  // The link: a confirm page first (a link preview must not unsubscribe), then one click.
  await page.goto(new URL(href).pathname + new URL(href).search);
  await expect(page.getByRole("heading", { name: "Unsubscribe", level: 1 })).toBeVisible();
  await expect(page.getByText("Merino Sock – Bracken")).toBeVisible();
  // A plain form post (no script needed): the API answers 303 back to the page, which now says so.
  const posted = page.waitForRequest((request) => request.url().includes("/api/waitlist/unsubscribe") && request.method() === "POST");
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  expect((await (await posted).response())?.status()).toBe(303);
  await expect(page.getByRole("heading", { name: "You are unsubscribed", level: 1 })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page);
  // Again: still unsubscribed, nothing else to do.
  await page.goto(new URL(href).pathname + new URL(href).search);
  await expect(page.getByRole("heading", { name: "You are unsubscribed", level: 1 })).toBeVisible();

  // A tampered link is refused.
  await page.goto(`${new URL(href).pathname}?token=${encodeURIComponent(new URL(href).searchParams.get("token")!.replace(/.$/, (last) => (last === "A" ? "B" : "A")))}`);
  await expect(page.getByText("This unsubscribe link is not valid.")).toBeVisible();
});
