import { audit, expect, expectAccessible, signIn, test } from "./fixtures";

test.describe("the owner's pages and trader details", () => {
  // Several full-page accessibility audits in one story.
  test.slow();

  test("edits the Privacy page with a live preview, and a shopper finds the change from the footer", async ({ page, browser }) => {
    await signIn(page, "/admin/pages");
    await expect(page.getByRole("heading", { name: "Pages", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "Privacy", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Privacy", level: 1 })).toBeVisible();
    await audit(page);

    const body = page.getByLabel("Markdown");
    await expect(body).toHaveValue(/^> \*\*Review this page before you open the shop\.\*\*/);
    await body.fill("## Our promise\n\nWe keep **only** what we need to send your yarn.\n\n<script>alert('x')</script>");
    const preview = page.getByTestId("page-preview");
    await expect(preview.getByRole("heading", { name: "Our promise", level: 2 })).toBeVisible();
    await expect(preview.locator("strong")).toHaveText("only");
    await expect(preview).toContainText("<script>alert('x')</script>");

    // An address already in use is refused on the field itself.
    await page.getByLabel("Address").fill("terms");
    await page.getByRole("button", { name: "Save page" }).click();
    await expect(page.getByLabel("Address")).toHaveAccessibleDescription(/Another page already uses this address/);
    await page.getByLabel("Address").fill("privacy");
    await page.getByRole("button", { name: "Save page" }).click();
    await expect(page.getByText("Page saved.")).toBeVisible();
    await audit(page);

    // A shopper in a browser of their own: no owner session.
    const shopperContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const shopper = await shopperContext.newPage();
    try {
      await shopper.goto("/");
      await shopper.getByRole("contentinfo").getByRole("link", { name: "Privacy" }).click();
      await expect(shopper).toHaveURL(/\/pages\/privacy$/);
      await expect(shopper.getByRole("heading", { name: "Privacy", level: 1 })).toBeVisible();
      await expect(shopper.getByRole("heading", { name: "Our promise", level: 2 })).toBeVisible();
      await expect(shopper.getByText("We keep only what we need to send your yarn.")).toBeVisible();
      await expect(shopper.getByText("<script>alert('x')</script>")).toBeVisible();
      await expectAccessible(shopper);
    } finally {
      await shopperContext.close();
    }
  });

  test("sets the trader details and an announcement, which every storefront page then shows", async ({ page }) => {
    await signIn(page, "/admin/settings");
    await page.getByLabel("Business name").fill("Hedgerow Dye Works Ltd");
    await page.getByLabel("Geographic address").fill("Unit 4, Mill Yard\nHebden Bridge\nHX7 8AD");
    await page.getByLabel("Company number (optional)").fill("01234567");
    await page.getByLabel("VAT number (optional)").fill("GB 123 4567 89");
    await page.getByLabel("Show the announcement bar").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    // Switched on with nothing to say: refused on the field.
    await expect(page.getByLabel("Announcement", { exact: true })).toHaveAccessibleDescription(/Write the announcement/);
    await page.getByLabel("Announcement", { exact: true }).fill("Dispatch pauses 1–7 August");
    await page.getByLabel("Link (optional)").fill("/pages/shipping-returns");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await audit(page);

    await page.goto("/products");
    const footer = page.getByRole("contentinfo");
    await expect(footer.getByText("Hedgerow Dye Works Ltd")).toBeVisible();
    await expect(footer.getByText("Hebden Bridge")).toBeVisible();
    await expect(footer.getByText("Company number 01234567")).toBeVisible();
    await expect(footer.getByText("VAT number GB123456789")).toBeVisible();
    await page.getByRole("region", { name: "Announcement" }).getByRole("link", { name: "Dispatch pauses 1–7 August" }).click();
    await expect(page).toHaveURL(/\/pages\/shipping-returns$/);
    await audit(page);

    await page.goto("/pages/terms");
    await expect(page.getByRole("heading", { name: "Who we are" })).toBeVisible();
    await expect(page.getByRole("main").getByText("Company number 01234567")).toBeVisible();
    await audit(page);

    // A phone-width shopper gets the same footer and bar without sideways scrolling.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/");
    await expect(page.getByRole("region", { name: "Announcement" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Switch the bar off again for the other specs sharing this database.
    await page.goto("/admin/settings");
    await page.getByLabel("Show the announcement bar").uncheck();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
  });
});
