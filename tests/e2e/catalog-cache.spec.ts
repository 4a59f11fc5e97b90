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

  test("serves the home page from the cache, and a heading saved in the settings on the next load", async ({ page }) => {
    // "/" is rewritten to a page Next keeps in its full-route cache: the second load is a cache hit.
    await page.goto("/");
    const again = await page.goto("/");
    expect(again?.headers()["x-nextjs-cache"]).toBe("HIT");
    const heading = page.getByRole("heading", { level: 1 });
    const before = (await heading.textContent()) ?? "";

    await signIn(page, "/admin/settings");
    const field = page.getByLabel("Heading", { exact: true });
    const saved = await field.inputValue();
    await field.fill("Colours from the lanes");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Colours from the lanes" })).toBeVisible();

    await page.goto("/admin/settings");
    await page.getByLabel("Heading", { exact: true }).fill(saved);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(before);
  });
});
