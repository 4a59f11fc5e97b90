import { audit, expect, signIn, test } from "./fixtures";

test.describe("the owner's catalog and store setup", () => {
  test("creates a product with two variants, is told about a slug in use, and finds the opening stock in the inventory", async ({ page }) => {
    await signIn(page, "/admin/products");
    await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "New product" }).click();
    await audit(page);

    await page.getByLabel("Name", { exact: true }).fill("Rowan Tweed");
    // The slug follows the name; the demo shop already has the one typed over it.
    await expect(page.getByLabel("Slug")).toHaveValue("rowan-tweed");
    await page.getByLabel("Slug").fill("merino-sock");
    await page.getByLabel("Status").selectOption("active");
    await page.getByRole("button", { name: "Add a photo by web address" }).click();
    await page.getByLabel("Photo 1 address").fill("https://images.example/e2e.jpg");
    await page.getByLabel("Alt text").fill("A skein of Rowan Tweed");
    await page.getByLabel("Option 1").fill("Colour");
    const variants = page.getByTestId("variant-fieldset");
    await variants.nth(0).getByLabel("Colour").fill("Rowan");
    await variants.nth(0).getByLabel("SKU").fill("E2E-ROWAN");
    await variants.nth(0).getByLabel("Price (GBP)", { exact: true }).fill("18.50");
    await variants.nth(0).getByLabel("Weight (g)").fill("115");
    await variants.nth(0).getByLabel("Opening stock").fill("7");
    await page.getByRole("button", { name: "Add a variant" }).click();
    await variants.nth(1).getByLabel("Colour").fill("Birch");
    await variants.nth(1).getByLabel("SKU").fill("E2E-BIRCH");
    await variants.nth(1).getByLabel("Compare-at price (GBP)").fill("10.00");
    await page.getByRole("button", { name: "Create product" }).click();

    // The server's refusals land next to their fields: first a rule of the form...
    await expect(variants.nth(1).getByLabel("Compare-at price (GBP)")).toHaveAccessibleDescription(/must be higher than the price/);
    await audit(page);
    await variants.nth(1).getByLabel("Compare-at price (GBP)").fill("");
    await page.getByRole("button", { name: "Create product" }).click();
    // ...then what the database knows: the slug is taken.
    await expect(page.getByLabel("Slug")).toHaveAccessibleDescription(/Another product already uses this slug/);
    await page.getByLabel("Slug").fill("rowan-tweed");
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByText("Product created.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Rowan Tweed", level: 1 })).toBeVisible();
    await audit(page);

    await page.goto("/admin/inventory?q=E2E-ROWAN");
    await expect(page.getByTestId("inventory-row").getByTestId("on-hand")).toHaveText("7");
  });

  test("creates, edits and deactivates a discount code", async ({ page }) => {
    await signIn(page, "/admin/discounts");
    await page.getByRole("link", { name: "New discount" }).click();
    await audit(page);
    await page.getByLabel("Code").fill("e2e-autumn");
    await page.getByLabel("Percentage", { exact: true }).fill("15");
    await page.getByLabel("Usage limit").fill("100");
    await page.getByRole("button", { name: "Create discount" }).click();
    await expect(page).toHaveURL(/\/admin\/discounts\?saved=E2E-AUTUMN$/);
    const row = page.getByTestId("discount-row").filter({ hasText: "E2E-AUTUMN" });
    await expect(row).toContainText("15% off");
    await expect(row).toContainText("Used 0 of 100");
    await audit(page);

    await row.getByRole("link", { name: "Edit E2E-AUTUMN" }).click();
    await page.getByLabel("Usage limit").fill("-3");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByLabel("Usage limit")).toHaveAccessibleDescription(/whole number/);
    await page.getByLabel("Usage limit").fill("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(row).toContainText("times (no limit)");

    await row.getByRole("button", { name: "Deactivate E2E-AUTUMN" }).click();
    const dialog = page.getByRole("dialog", { name: "Deactivate E2E-AUTUMN?" });
    await audit(page);
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(row).toContainText("Deactivated");
  });

  test("adds a shipping zone whose country is free, is refused one already in another zone, adds a rate and previews it", async ({ page }, testInfo) => {
    // A retry runs on the same database, where the first attempt may have left its zone behind:
    // it uses another country nobody ships to yet.
    const place = testInfo.retry === 0 ? { name: "Iceland", code: "IS", zone: "Far North" } : { name: "Greece", code: "GR", zone: "Aegean" };
    await signIn(page, "/admin/shipping");
    await page.getByRole("link", { name: "New zone" }).click();
    await audit(page);
    await page.getByLabel("Zone name").fill(place.zone);
    await page.getByLabel("Find a country").fill(place.name);
    await page.getByRole("checkbox", { name: new RegExp(place.name) }).check();
    // The demo shop ships to the UK already: its box is disabled here.
    await page.getByLabel("Find a country").fill("United Kingdom");
    await expect(page.getByRole("checkbox", { name: /United Kingdom \(GB\)/ })).toBeDisabled();
    await page.getByRole("button", { name: "Create zone" }).click();
    await expect(page.getByRole("heading", { name: place.zone, level: 1 })).toBeVisible();
    await audit(page);

    await page.getByLabel("Service name").fill("Airmail");
    await page.getByLabel("Up to weight (g)").fill("2000");
    await page.getByLabel("Price (GBP)").fill("14.00");
    await page.getByLabel("Fastest delivery (days)").fill("5");
    await page.getByLabel("Slowest delivery (days)").fill("10");
    await page.getByRole("button", { name: "Add rate" }).click();
    // Once the refreshed page lists the new rate, the add form (no longer the zone's only
    // content) stays open with its confirmation.
    await expect(page.locator("summary", { hasText: "Airmail" })).toBeVisible();
    await expect(page.getByText("Rate added.")).toBeVisible();

    await page.goto("/admin/shipping");
    await page.getByLabel("Country").selectOption(place.code);
    await page.getByLabel("Parcel weight (g)").fill("500");
    await page.getByRole("button", { name: "Show options" }).click();
    const preview = page.getByTestId("shipping-preview");
    await expect(preview).toContainText(`A shopper in ${place.name} with a 500 g parcel (${place.zone}) is offered`);
    await expect(preview).toContainText("Airmail");
    await expect(preview).toContainText("£14.00");
    await page.getByLabel("Parcel weight (g)").fill("2500");
    await page.getByRole("button", { name: "Show options" }).click();
    await expect(preview).toContainText(`more than the 2 kg we can send to ${place.name}`);

    // Deleting the zone asks first; afterwards nobody there is offered anything.
    await page.getByRole("link", { name: `Edit ${place.zone}` }).click();
    await page.getByRole("button", { name: `Delete the zone ${place.zone}` }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${place.zone}?` });
    await audit(page);
    await dialog.getByRole("button", { name: "Delete zone" }).click();
    await expect(page).toHaveURL(/\/admin\/shipping$/);
    await expect(page.getByRole("heading", { name: place.zone })).toHaveCount(0);
  });

  test("saves the general settings and the low-stock threshold changes the inventory's flags", async ({ page }) => {
    await signIn(page, "/admin/settings");
    await page.getByLabel("Order number prefix").fill("TOO-LONG-");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByLabel("Order number prefix")).toHaveAccessibleDescription(/Use 1 to 6 letters or digits/);
    await page.getByLabel("Order number prefix").fill("HD-");
    await page.getByLabel("Low-stock threshold").fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await page.goto("/admin/inventory?stock=low");
    await expect(page.getByText("Low stock: 0 or fewer available")).toBeVisible();
    await page.goto("/admin/settings");
    await expect(page.getByLabel("Low-stock threshold")).toHaveValue("0");
    await page.getByLabel("Low-stock threshold").fill("5");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
  });
});
