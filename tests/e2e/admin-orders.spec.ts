import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { expect, expectAccessible, test } from "./fixtures";
import { E2E_ADMIN_PASSWORD } from "../../playwright.config";

test.describe("the owner's orders", () => {
  test("finds an order by number, fulfils it, and downloads an orders CSV that contains it", async ({ page }) => {
    await page.goto("/admin/sign-in?next=%2Fadmin%2Forders");
    await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/orders$/);
    await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
    await expectAccessible(page);

    // A paid order waiting to be shipped, from the demo shop.
    const toFulfil = await page.request.get("/api/admin/orders?status=processing");
    expect(toFulfil.status()).toBe(200);
    const { rows } = (await toFulfil.json()) as { rows: { id: number; orderNumber: string; createdAt: string }[] };
    const target = rows[0]!;

    // Find it by its number.
    await page.getByLabel("Order number, email or name").fill(target.orderNumber);
    await page.getByRole("button", { name: "Search" }).click();
    const results = page.getByRole("region", { name: "Results" });
    await expect(results.getByRole("link")).toHaveText([target.orderNumber]);
    await results.getByRole("link", { name: target.orderNumber }).click();
    await expect(page.getByRole("heading", { name: `Order ${target.orderNumber}` })).toBeVisible();
    await expectAccessible(page);

    // Fulfil it: the dialog explains, refuses an empty tracking number next to the field, then ships.
    await page.getByRole("button", { name: "Fulfil order" }).click();
    const dialog = page.getByRole("dialog", { name: `Ship ${target.orderNumber}` });
    await expect(dialog).toBeVisible();
    await expectAccessible(page);
    await dialog.getByLabel("Carrier").selectOption("Royal Mail");
    await dialog.getByRole("button", { name: "Mark as shipped" }).click();
    await expect(dialog.getByLabel("Tracking number")).toHaveAccessibleDescription("Enter the tracking number.");
    await dialog.getByLabel("Tracking number").fill("RM998877665GB");
    await dialog.getByRole("button", { name: "Mark as shipped" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Order marked as shipped." })).toBeVisible();
    await expect(page.getByText("Shipped", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "RM998877665GB" })).toHaveAttribute("href", /royalmail\.com/);
    await expect(page.getByText("Shipped with Royal Mail, tracking number RM998877665GB.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Correct tracking" })).toBeVisible();

    // Export the orders around its date as CSV, and find it there, shipped with its tracking.
    await page.getByRole("link", { name: "All orders" }).click();
    await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
    const day = (offsetDays: number) => new Date(Date.parse(target.createdAt) + offsetDays * 86_400_000).toISOString().slice(0, 10);
    await page.getByRole("region", { name: "Download a spreadsheet (CSV)" }).getByLabel("From").fill(day(-2));
    await page.getByRole("region", { name: "Download a spreadsheet (CSV)" }).getByLabel("To").fill(day(2));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toBe(`orders-${day(-2)}-to-${day(2)}.csv`);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(bytes.subarray(3).toString("utf8"), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const row = parsed.data.find((candidate) => candidate["Order number"] === target.orderNumber);
    expect(row).toMatchObject({ Status: "shipped", "Tracking number": "RM998877665GB", "Payment status": "paid" });
    expect(row!.Total).toMatch(/^\d+\.\d{2}$/);
  });

  test("the order list and an order fit a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/admin/sign-in?next=%2Fadmin%2Forders");
    await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
    const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fitsWidth()).toBe(true);
    await page.getByRole("region", { name: "Results" }).getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: /^Order / })).toBeVisible();
    await expectAccessible(page);
    expect(await fitsWidth()).toBe(true);
    await page.goto("/admin/customers");
    expect(await fitsWidth()).toBe(true);
  });
});
