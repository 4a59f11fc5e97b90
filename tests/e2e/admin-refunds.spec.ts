// The owner refunds part of an order on a phone, with a reason, and finds the shopper's refund email in /admin/emails.
import { expect, expectAccessible, signIn, test } from "./fixtures";

test("the owner refunds £5.00 of an order with a reason and sees the refund email with £5.00", async ({ page }) => {
  // Four axe audits and two dialogs: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, "/admin/orders");
  const listed = await page.request.get("/api/admin/orders?status=processing");
  expect(listed.status()).toBe(200);
  const { rows } = (await listed.json()) as { rows: { id: number; orderNumber: string }[] };
  // The last of the list: the orders spec fulfils the first.
  const target = rows.at(-1)!;

  await page.goto(`/admin/orders/${target.id}`);
  await expect(page.getByRole("heading", { name: `Order ${target.orderNumber}` })).toBeVisible();
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Refund ${target.orderNumber}` });
  await expect(dialog).toBeVisible();
  // It starts empty: nothing is refunded by one click.
  await expect(dialog.getByLabel(/^Amount/)).toHaveValue("");
  await expectAccessible(page);

  // A reason is required, and the amount.
  await dialog.getByRole("button", { name: "Review refund" }).click();
  await expect(dialog.getByLabel("Reason")).toHaveAccessibleDescription("Choose a reason.");
  await dialog.getByLabel(/^Amount/).fill("5.00");
  await dialog.getByLabel("Reason").selectOption("requested_by_customer");
  await dialog.getByRole("button", { name: "Review refund" }).click();

  const confirm = page.getByRole("dialog", { name: "Refund £5.00?" });
  await expect(confirm).toBeVisible();
  await expectAccessible(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await confirm.getByRole("button", { name: "Refund £5.00" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "£5.00 refunded." })).toBeVisible();

  const refunds = page.getByRole("region", { name: "Refunds" });
  await expect(refunds).toContainText("£5.00");
  await expect(refunds).toContainText("requested by customer");
  await expectAccessible(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  await page.goto("/admin/emails");
  const row = page.getByTestId("email-row").filter({ hasText: `£5.00 refunded for order ${target.orderNumber}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Refund issued");
  await row.getByRole("link", { name: new RegExp(`refunded for order ${target.orderNumber}`) }).click();
  await expect(page).toHaveURL(/\/admin\/emails\/\d+$/);
  await expect(page.getByTestId("email-text")).toContainText("£5.00");
  await expect(page.getByTestId("email-text")).toContainText("You asked us for this refund.");
  await page.screenshot({ path: "test-results/admin-refund-email.png", fullPage: true });
});
