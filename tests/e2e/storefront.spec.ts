import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// Runs against the demo seed: Bluefaced Leicester DK (£17.50) comes in Heather (30), Moss (12) and
// Peat (2); Merino Sock's Bracken is sold out and Sloe has 3 left; the Winter Advent Box is a draft.

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `page is ${overflow}px wider than the viewport`).toBeLessThanOrEqual(0);
}

async function fillCartFromHome(page: Page, options: { screenshots: boolean; checkOverflow: boolean }) {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hedgerow Dye Works" })).toBeVisible();
  if (options.checkOverflow) await expectNoHorizontalOverflow(page);

  await page.getByRole("link", { name: "Bluefaced Leicester DK" }).first().click();
  await expect(page).toHaveURL(/\/products\/bluefaced-leicester-dk/);
  await expect(page.getByRole("heading", { level: 1, name: "Bluefaced Leicester DK" })).toBeVisible();

  await page.getByRole("radio", { name: /Peat/ }).check({ force: true });
  await expect(page.getByTestId("stock-status")).toHaveText("Only 2 left");
  await page.getByRole("radio", { name: /Moss/ }).check({ force: true });
  await expect(page.getByTestId("stock-status")).toHaveText("In stock");
  await expect(page).toHaveURL(/variant=\d+/);

  await page.getByRole("button", { name: "Increase quantity" }).click();
  await expect(page.getByLabel("Quantity", { exact: true })).toHaveValue("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("add-to-cart-confirmation")).toContainText("Added 2 × Bluefaced Leicester DK, Moss to your cart.");
  await expect(page.getByTestId("header-cart-count")).toHaveText("2");
  if (options.checkOverflow) await expectNoHorizontalOverflow(page);
  if (options.screenshots) await page.screenshot({ path: "test-results/product-page.png", fullPage: true });

  await page.getByRole("link", { name: "View cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
  const line = page.getByTestId("cart-line");
  await expect(line).toHaveCount(1);
  await expect(line).toContainText("Bluefaced Leicester DK");
  await expect(line).toContainText("Moss");
  await expect(page.getByTestId("cart-subtotal")).toHaveText("£35.00");

  await line.getByRole("button", { name: /Increase quantity of Bluefaced Leicester DK/ }).click();
  await expect(line.getByTestId("cart-line-quantity")).toHaveValue("3");
  await expect(page.getByTestId("cart-subtotal")).toHaveText("£52.50");
  await expect(page.getByTestId("cart-announcement")).toHaveText("Cart updated. Subtotal £52.50.");
  await expect(page.getByTestId("header-cart-count")).toHaveText("3");
  if (options.checkOverflow) await expectNoHorizontalOverflow(page);
  if (options.screenshots) await page.screenshot({ path: "test-results/cart.png", fullPage: true });
}

test.describe("storefront on a desktop", () => {
  test("a shopper finds a yarn, picks a colourway, adds it and changes the quantity in the cart", async ({ page }) => {
    await fillCartFromHome(page, { screenshots: true, checkOverflow: false });

    // The cart survives a reload: it lives in the database behind the cookie.
    await page.reload();
    await expect(page.getByTestId("cart-line-quantity")).toHaveValue("3");
    await expect(page.getByRole("link", { name: "Checkout" })).toHaveAttribute("href", "/checkout");
  });

  test("removing a line can be undone, and an empty cart says so", async ({ page }) => {
    await page.goto("/products/highland-aran");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("header-cart-count")).toHaveText("1");
    await page.goto("/cart");

    await page.getByRole("button", { name: /Remove Highland Aran/ }).click();
    await expect(page.getByText("Your cart is empty")).toBeVisible();
    await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await expect(page.getByTestId("header-cart-count")).toHaveText("1");
  });

  test("a sold-out colourway cannot be added and a nearly sold-out one says how many are left", async ({ page }) => {
    await page.goto("/products/merino-sock");
    await page.getByRole("radio", { name: /Bracken/ }).check({ force: true });
    await expect(page.getByTestId("stock-status")).toHaveText("Sold out");
    await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
    await page.getByRole("radio", { name: /Sloe/ }).check({ force: true });
    await expect(page.getByTestId("stock-status")).toHaveText("Only 3 left");

    // Asking for more than is left gets the shop's answer, not a broken page.
    await page.getByLabel("Quantity", { exact: true }).fill("3");
    await page.getByLabel("Quantity", { exact: true }).press("Enter");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("header-cart-count")).not.toHaveText("0");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("add-to-cart-error")).toHaveText("Only 3 available, and you already have 3 in your cart.");
  });

  test("listings filter by collection, sort by price and never show drafts", async ({ page }) => {
    await page.goto("/products?sort=price-asc");
    const cards = page.getByRole("list", { name: "Products" }).getByRole("listitem");
    await expect(cards.first()).toBeVisible();
    await expect(page.getByText("Winter Advent Box")).toHaveCount(0);

    await page.getByLabel("Collection").selectOption({ label: "Sock yarn" });
    await expect(page).toHaveURL(/collection=sock-yarn/);
    await expect(page.getByRole("heading", { level: 1, name: "Sock yarn" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Merino Sock" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Highland Aran" })).toHaveCount(0);

    const draft = await page.goto("/products/winter-advent-box");
    expect(draft?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();
    const archived = await page.goto("/products/cotton-dk-retired");
    expect(archived?.status()).toBe(404);
  });
});

test.describe("storefront on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a shopper fills a cart without any page scrolling sideways", async ({ page }) => {
    await page.goto("/");
    // The header keeps Collections on a phone, beside Shop and the cart.
    const header = page.getByRole("navigation", { name: "Main" });
    await expect(header.getByRole("link", { name: "Collections" })).toBeVisible();
    await expect(header.getByRole("link", { name: "Shop" })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await fillCartFromHome(page, { screenshots: false, checkOverflow: true });
    await page.screenshot({ path: "test-results/cart-phone.png", fullPage: true });
    await page.goto("/products");
    await expectNoHorizontalOverflow(page);
    await page.goto("/products/undyed-sock-blank");
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: "test-results/product-page-phone.png", fullPage: true });
  });
});
