import { type Page } from "@playwright/test";
import { formatMoney } from "../../lib/money";
import { E2E_ADMIN_PASSWORD } from "../../playwright.config";
import { expect, expectAccessible, test } from "./fixtures";

// Runs against the demo seed: ~1,000 paid, refunded and held orders over the last 120 days.

async function signIn(page: Page) {
  const response = await page.request.post("/api/admin/session", { data: { password: E2E_ADMIN_PASSWORD } });
  expect(response.status()).toBe(204);
}

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `page is ${overflow}px wider than the viewport`).toBeLessThanOrEqual(0);
}

test.describe("analytics", () => {
  test("the owner reads the figures, charts and best sellers beside the previous period", async ({ page }) => {
    await signIn(page);
    // A tablet held upright: the page the owner reads on the shop floor.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto("/admin/analytics?range=90d");
    await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
    await expect(page.getByText("Revenue counts paid orders net of refunds")).toBeVisible();
    await expect(page.getByRole("link", { name: "90 days" })).toHaveAttribute("aria-current", "page");

    // The page shows what the API answers for the same range.
    const api = await page.request.get("/api/admin/analytics?range=90d");
    expect(api.status()).toBe(200);
    const report = await api.json();
    expect(report.orderCount).toBeGreaterThan(100);
    expect(report.series).toHaveLength(90);
    expect(report.previous.days).toBe(90);
    const figures = page.getByRole("region", { name: "Figures" });
    await expect(figures.getByText(formatMoney(report.revenue, report.currency), { exact: true })).toBeVisible();
    await expect(figures.getByText(String(report.orderCount), { exact: true })).toBeVisible();

    // Charts are drawn, and each has its words for those who cannot see it.
    const sales = page.getByRole("region", { name: "Revenue and orders per day" });
    await expect(sales.locator("svg.recharts-surface").first()).toBeVisible();
    await expect(sales.getByRole("img", { name: /Revenue and paid orders per day, 90 days/ })).toBeVisible();
    await expect(sales.getByRole("table", { name: "Revenue and orders per day" }).getByRole("row")).toHaveCount(91);
    const best = page.getByRole("region", { name: "Top products by revenue" });
    await expect(best.getByRole("img", { name: /Top \d products by revenue/ })).toBeVisible();
    await expect(best.getByRole("table").getByRole("row")).toHaveCount(1 + report.topProducts.byRevenue.length);
    await expect(best.getByRole("rowheader").first()).toContainText(report.topProducts.byRevenue[0].name);
    await expectNoHorizontalOverflow(page);

    await page.screenshot({ path: "test-results/analytics.png", fullPage: true });
  });

  test("long ranges chart weeks, custom ranges take shop days, and a quiet period says so", async ({ page }) => {
    await signIn(page);
    await page.goto("/admin/analytics?range=all");
    await expect(page.getByRole("heading", { name: "Revenue and orders per week" })).toBeVisible();

    await page.goto("/admin/analytics");
    await page.getByLabel("From", { exact: true }).fill("2001-01-01");
    await page.getByLabel("To", { exact: true }).fill("2001-01-31");
    await page.getByRole("button", { name: "Show these days" }).click();
    await expect(page).toHaveURL(/range=custom&from=2001-01-01&to=2001-01-31/);
    await expect(page.getByText(/1 Jan 2001 – 31 Jan 2001 \(31 days\)/)).toBeVisible();
    await expect(page.getByText(/No paid orders in these days or the ones before/)).toBeVisible();
    await expect(page.getByText("No products sold in these days yet.").first()).toBeVisible();
    await expectAccessible(page);

    // A hand-edited address is explained beside the dates, and the default report shown.
    await page.goto("/admin/analytics?range=custom&from=2001-02-10&to=2001-02-01");
    await expect(page.getByRole("alert").filter({ hasText: "End date" })).toHaveText(/End date: must be on or after the start date/);
    await expect(page.getByLabel("To", { exact: true })).toHaveAccessibleDescription(/must be on or after the start date/);
  });

  test("a shopper's visit is counted once per day, with a first-party cookie and nothing else", async ({ page, browser, baseURL }) => {
    await signIn(page);
    const sessionsToday = async () => (await (await page.request.get("/api/admin/analytics?range=7d")).json()).sessions as number;
    const before = await sessionsToday();

    const shopper = await browser.newContext({ baseURL });
    const shopperPage = await shopper.newPage();
    await shopperPage.goto("/");
    await shopperPage.goto("/products");
    const cookies = await shopper.cookies();
    expect(cookies.map((cookie) => cookie.name)).toContain("store_visit");
    expect(cookies.find((cookie) => cookie.name === "store_visit")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    // The write finishes after the response: allow it a moment.
    await expect.poll(sessionsToday, { timeout: 5_000 }).toBe(before + 1);
    await shopper.close();
  });

  test("a phone shows the page without sideways scrolling", async ({ page }) => {
    await signIn(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/admin/analytics?range=30d");
    await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});
