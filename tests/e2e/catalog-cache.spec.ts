import { expect, signIn, test } from "./fixtures";

// The product page's catalogue comes from Next's data cache: an owner's price save must show on the very next load.
test.describe("the cached catalogue", () => {
  test("shows a price saved in the admin on the next product page load, and the old price again once restored", async ({ page }) => {
    await page.goto("/products/merino-sock");
    await expect(page.getByRole("heading", { name: "Merino Sock", level: 1 })).toBeVisible();
    await expect(page.getByText("£43.21")).toHaveCount(0);

    await signIn(page, "/admin/products");
    await page.getByRole("link", { name: "Merino Sock", exact: true }).click();
    const price = page.getByTestId("variant-fieldset").nth(0).getByLabel("Price (GBP)", { exact: true });
    const before = await price.inputValue();
    await price.fill("43.21");
    await page.getByRole("button", { name: "Save product" }).click();
    await page.waitForURL(/saved=1/);

    await page.goto("/products/merino-sock");
    await expect(page.getByText("£43.21").first()).toBeVisible();

    await page.goto("/admin/products");
    await page.getByRole("link", { name: "Merino Sock", exact: true }).click();
    await page.getByTestId("variant-fieldset").nth(0).getByLabel("Price (GBP)", { exact: true }).fill(before);
    await page.getByRole("button", { name: "Save product" }).click();
    await page.waitForURL(/saved=1/);
    await page.goto("/products/merino-sock");
    await expect(page.getByText("£43.21")).toHaveCount(0);
  });
});
