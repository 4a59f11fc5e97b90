import { expect, test } from "./fixtures";

// Runs against the demo seed: Merino Sock and Chunky Merino have merino in their names, and several
// other yarns (the alpaca blend, the mini-skein sets) in their descriptions.

test.describe("search on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("a shopper searches from the header and finds the yarn, the name matches first", async ({ page }) => {
    await page.goto("/");
    const header = page.getByRole("banner");
    // The search field fits beside Collections on a phone; both stay visible.
    await expect(header.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Collections" })).toBeVisible();
    const search = header.getByRole("search", { name: "Search the shop" });
    await search.getByRole("searchbox", { name: "Search yarn by name, colour or fibre" }).fill("merino");
    await search.getByRole("button", { name: "Search" }).click();

    await expect(page).toHaveURL(/\/search\?q=merino$/);
    await expect(page.getByRole("heading", { level: 1, name: "Search results for “merino”" })).toBeVisible();
    const results = page.getByRole("list", { name: "Products matching merino" });
    const names = await results.getByRole("listitem").getByRole("link").allTextContents();
    expect(names.slice(0, 2).sort()).toEqual(["Chunky Merino", "Merino Sock"]);
    expect(names.length).toBeGreaterThan(2);
    await expect(page.getByRole("search", { name: "Search again" }).getByRole("searchbox")).toHaveValue("merino");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/search-phone.png", fullPage: true });

    await results.getByRole("link", { name: "Merino Sock" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Merino Sock" })).toBeVisible();
  });

  test("a search with no result says so and suggests the collections", async ({ page }) => {
    await page.goto("/search");
    await expect(page.getByText("Type what you are looking for")).toBeVisible();
    await page.getByRole("search", { name: "Search again" }).getByRole("searchbox").fill("qwzx plinth");
    await page.getByRole("search", { name: "Search again" }).getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("Nothing matched “qwzx plinth”")).toBeVisible();
    const suggestions = page.getByRole("navigation", { name: "Suggested collections" });
    await expect(suggestions.getByRole("link", { name: "Sock yarn" })).toBeVisible();
    await suggestions.getByRole("link", { name: "Sock yarn" }).click();
    await expect(page).toHaveURL(/\/collections\/sock-yarn$/);
  });

  test("hostile words are only words", async ({ page }) => {
    for (const q of ['"', "NEAR(", "OR", "-", "*", "merino OR", '"merino']) {
      const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
      expect(response?.status(), q).toBe(200);
    }
    await expect(page.getByRole("link", { name: "Merino Sock" })).toBeVisible();
  });
});

test("on a wide screen the header's search field sits after the links", async ({ page }) => {
  await page.goto("/products");
  const search = page.getByRole("banner").getByRole("search", { name: "Search the shop" });
  await search.getByRole("searchbox").fill("Heather");
  await search.getByRole("searchbox").press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Search results for “Heather”" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Bluefaced Leicester DK" })).toBeVisible();
});
