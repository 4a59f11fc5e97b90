import { expect, expectAccessible, signIn, test } from "./fixtures";

const DEFAULTS = { alertEmail: "", alertOnHold: true, alertNewOrder: false, alertEmailFailed: true, alertLowStockDigest: true };

test.describe("the owner's notification settings", () => {
  test.afterEach(async ({ page }) => {
    // The next spec finds the alerts as a new shop has them.
    await page.request.put("/api/admin/settings/notifications", { data: DEFAULTS });
  });

  test("the owner sends alerts to their own address and turns on new-order emails, on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, "/admin/settings");
    const section = page.getByRole("region", { name: "Notifications" });
    await expect(section).toBeVisible();
    const address = section.getByLabel("Send alerts to");
    await expect(address).toHaveValue("");
    await expect(address).toHaveAttribute("placeholder", "hello@hedgerow.example");
    await expect(section.getByLabel("Order put on hold")).toBeChecked();
    await expect(section.getByLabel("New paid order")).not.toBeChecked();
    await expect(section.getByLabel("Email that could not be delivered")).toBeChecked();
    await expect(section.getByLabel("Daily low-stock digest")).toBeChecked();
    await expect(section.getByText("are always emailed")).toBeVisible();

    await address.fill("not an address");
    await section.getByRole("button", { name: "Save notifications" }).click();
    await expect(section.getByText("Enter an email address, or leave it empty to use the support address.")).toBeVisible();
    await expect(address).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);

    await address.fill("owner@hedgerow.example");
    await section.getByLabel("New paid order").check();
    await section.getByRole("button", { name: "Save notifications" }).click();
    await expect(section.getByRole("status")).toHaveText("Saved. Alerts go to owner@hedgerow.example.");
    // Nothing sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: "test-results/notification-settings.png", fullPage: true });

    await page.reload();
    const reloaded = page.getByRole("region", { name: "Notifications" });
    await expect(reloaded.getByLabel("Send alerts to")).toHaveValue("owner@hedgerow.example");
    await expect(reloaded.getByLabel("New paid order")).toBeChecked();
  });
});
