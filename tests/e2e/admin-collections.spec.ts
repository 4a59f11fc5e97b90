import type { Page } from "@playwright/test";
import { audit, expect, expectAccessible, signIn, test } from "./fixtures";

async function addProduct(page: Page, name: string) {
  await page.getByLabel("Add a product").fill(name);
  await page.getByRole("button", { name: `Add ${name}`, exact: true }).click();
}

const savedOrder = (page: Page) =>
  page.waitForResponse((response) => response.url().endsWith("/api/admin/collections/order") && response.request().method() === "POST" && response.ok());

test.describe("the owner's collections", () => {
  // Each page is audited by axe on the way, which on a shared runner takes a few seconds a page.
  test.slow();

  test("creates a collection of three products, orders them, and the shop shows it in that order", async ({ page }) => {
    await signIn(page, "/admin/collections");
    await expect(page.getByRole("heading", { name: "Collections", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Collections" })).toHaveAttribute("aria-current", "page");
    await page.getByRole("link", { name: "New collection" }).click();
    await audit(page);

    await page.getByLabel("Title").fill("Winter Warmers");
    await expect(page.getByLabel("Slug")).toHaveValue("winter-warmers");
    await page.getByLabel("Description").fill("Cosy yarns for cold evenings.");
    for (const name of ["Merino Sock", "Highland Aran", "Silk Lace"]) await addProduct(page, name);
    const chosen = page.getByTestId("collection-product");
    await expect(chosen).toHaveText([/Merino Sock/, /Highland Aran/, /Silk Lace/]);
    // The picker cannot add a product twice.
    await expect(page.getByRole("button", { name: "Silk Lace is in the collection" })).toBeDisabled();
    await audit(page);
    // A product added by mistake is taken out again; focus lands on the row that took its place.
    await addProduct(page, "Mohair Silk");
    await page.getByRole("button", { name: "Remove Mohair Silk" }).click();
    await expect(page.getByRole("button", { name: "Remove Silk Lace" })).toBeFocused();
    await expect(chosen).toHaveText([/Merino Sock/, /Highland Aran/, /Silk Lace/]);

    // Keyboard-friendly reordering: focus stays on the moved product's button.
    await page.getByRole("button", { name: "Move Silk Lace up" }).click();
    await expect(page.getByRole("button", { name: "Move Silk Lace up" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Move Merino Sock down" }).click();
    await expect(chosen).toHaveText([/Silk Lace/, /Highland Aran/, /Merino Sock/]);
    // Or dragged by the handle: Merino Sock to the top, then Silk Lace back above it.
    await chosen.nth(2).locator("[data-drag-handle]").dragTo(chosen.nth(0));
    await expect(chosen).toHaveText([/Merino Sock/, /Silk Lace/, /Highland Aran/]);
    await expect(page.getByRole("status").filter({ hasText: "Moved Merino Sock to position 1 of 3." })).toBeAttached();
    await chosen.nth(1).locator("[data-drag-handle]").dragTo(chosen.nth(0));
    await chosen.nth(1).locator("[data-drag-handle]").dragTo(chosen.nth(2));
    await expect(chosen).toHaveText([/Silk Lace/, /Highland Aran/, /Merino Sock/]);

    // A slug another collection has is refused on the field, as a product's is.
    await page.getByLabel("Slug").fill("sock-yarn");
    await page.getByRole("button", { name: "Create collection" }).click();
    await expect(page.getByLabel("Slug")).toHaveAccessibleDescription(/Another collection already uses this slug/);
    await audit(page);
    await page.getByLabel("Slug").fill("winter-warmers");
    await page.getByRole("button", { name: "Create collection" }).click();
    await expect(page.getByText("Collection created.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Winter Warmers", level: 1 })).toBeVisible();
    await expect(chosen).toHaveText([/Silk Lace/, /Highland Aran/, /Merino Sock/]);
    await audit(page);

    await page.goto("/collections/winter-warmers");
    await expect(page.getByRole("heading", { name: "Winter Warmers", level: 1 })).toBeVisible();
    await expect(page.getByRole("list", { name: "Winter Warmers products" }).getByRole("heading", { level: 3 })).toHaveText([
      "Silk Lace",
      "Highland Aran",
      "Merino Sock",
    ]);

    // The new collection went last; the owner moves it to the front of the shop.
    await page.goto("/admin/collections");
    const rows = page.getByTestId("collection-row");
    await expect(rows.last()).toContainText("Winter Warmers");
    // Dragged to the top in one move, saved at once; then one step down and back with the buttons.
    await Promise.all([savedOrder(page), rows.last().locator("[data-drag-handle]").dragTo(rows.first())]);
    await expect(rows.first()).toContainText("Winter Warmers");
    await Promise.all([savedOrder(page), page.getByRole("button", { name: "Move Winter Warmers down" }).click()]);
    await expect(rows.nth(1)).toContainText("Winter Warmers");
    await Promise.all([savedOrder(page), page.getByRole("button", { name: "Move Winter Warmers up" }).click()]);
    await page.reload();
    await expect(rows.first()).toContainText("Winter Warmers");
    await audit(page);
    await page.goto("/collections");
    await expect(page.getByRole("heading", { level: 2 }).first()).toHaveText("Winter Warmers");
  });

  test("hiding a collection takes it out of the shop; deleting one asks first and leaves its products", async ({ page }) => {
    await signIn(page, "/admin/collections");
    await page.getByRole("link", { name: "New collection" }).click();
    await page.getByLabel("Title").fill("Gift Ideas");
    for (const name of ["Mini Skein Set", "Hedgerow Cowl Kit"]) await addProduct(page, name);
    await page.getByLabel("Hidden (kept, not shown)").check();
    await page.getByRole("button", { name: "Create collection" }).click();
    await expect(page.getByText("Collection created.")).toBeVisible();

    const hidden = await page.goto("/collections/gift-ideas");
    expect(hidden?.status()).toBe(404);
    await page.goto("/collections");
    await expect(page.getByRole("link", { name: "Gift Ideas" })).toHaveCount(0);

    await page.goto("/admin/collections");
    await expect(page.getByTestId("collection-row").filter({ hasText: "Gift Ideas" })).toContainText("Hidden");
    await page.getByRole("link", { name: "Gift Ideas" }).click();
    await audit(page);
    await page.getByRole("button", { name: "Delete Gift Ideas" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete Gift Ideas?" });
    await expect(dialog).toContainText("Its 2 products stay in the shop");
    await expectAccessible(page);
    // Cancelling deletes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: "Delete Gift Ideas" }).click();
    await dialog.getByRole("button", { name: "Delete collection" }).click();
    await expect(page).toHaveURL(/\/admin\/collections\?deleted=1$/);
    await expect(page.getByText("Collection deleted. Its products are still in the shop.")).toBeVisible();
    await expect(page.getByTestId("collection-row").filter({ hasText: "Gift Ideas" })).toHaveCount(0);
    await audit(page);

    await page.goto("/products/mini-skein-set");
    await expect(page.getByRole("heading", { name: "Mini Skein Set", level: 1 })).toBeVisible();
  });
});
