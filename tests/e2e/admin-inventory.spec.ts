import type { Page } from "@playwright/test";
import { audit, expect, test } from "./fixtures";
import { E2E_ADMIN_PASSWORD } from "../../playwright.config";

async function signIn(page: Page) {
  await page.goto("/admin/sign-in?next=%2Fadmin%2Finventory");
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/inventory$/);
  await expect(page.getByRole("heading", { name: "Inventory", level: 1 })).toBeVisible();
  await audit(page);
}

async function onHand(page: Page): Promise<number[]> {
  const cells = await page.getByTestId("inventory-row").getByTestId("on-hand").allTextContents();
  return cells.map((text) => Number(text.trim()));
}

test.describe("the owner's inventory", () => {
  test("selects three variants, adds 10 to each after seeing before → after, and finds the change in each variant's history", async ({ page }) => {
    await signIn(page);
    // Products the storefront's tests do not count on: Mohair Silk and Silk Lace, two colourways each.
    await page.goto("/admin/inventory?q=Silk");
    const rows = page.getByTestId("inventory-row");
    await expect(rows).toHaveCount(4);
    const before = (await onHand(page)).slice(0, 3);

    for (let index = 0; index < 3; index += 1) await rows.nth(index).getByRole("checkbox").check();
    await expect(page.getByText("3 selected.")).toBeVisible();
    await page.getByRole("button", { name: "Adjust stock" }).click();

    const dialog = page.getByRole("dialog", { name: "Adjust stock" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Add units").check();
    await dialog.getByLabel("Units", { exact: true }).fill("10");
    await dialog.getByLabel("Reason").selectOption("received");
    await dialog.getByLabel("Note (optional)").fill("Delivery from the dye studio");
    await audit(page);
    await dialog.getByRole("button", { name: "Review changes" }).click();

    const review = page.getByRole("dialog", { name: "Confirm stock changes" });
    const preview = review.getByTestId("adjust-preview-row");
    await expect(preview).toHaveCount(3);
    for (const [index, stock] of before.entries()) await expect(preview.nth(index)).toContainText(`${stock} → ${stock + 10}`);
    await audit(page);
    await review.getByRole("button", { name: "Confirm 3 changes" }).click();

    await expect(page.getByRole("status").filter({ hasText: "Stock adjusted for 3 variants." })).toBeVisible();
    await expect(review).toBeHidden();
    await expect.poll(async () => (await onHand(page)).slice(0, 3)).toEqual(before.map((stock) => stock + 10));

    // Each variant's history shows the adjustment: who, why, before → after.
    await rows.first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Stock history" })).toBeVisible();
    await audit(page);
    const latest = page.getByTestId("history-row").first();
    await expect(latest).toContainText("Received");
    await expect(latest).toContainText("+10");
    await expect(latest).toContainText(`${before[0]} → ${before[0]! + 10}`);
    // The owner's account acted: the history names it by its email (the shop's support address at the first sign-in).
    await expect(latest).toContainText("hello@hedgerow.example");
    await expect(latest).toContainText("Delivery from the dye studio");
    // Older rows are the demo shop's orders, taken by the payment webhook.
    await expect(page.getByTestId("history-row").filter({ hasText: /Order · HD-\d+/ }).first()).toContainText("Payment");
  });

  test("refuses a change when the stock moved after the owner looked, and shows what moved", async ({ page }) => {
    await signIn(page);
    await page.goto("/admin/inventory?q=Chunky+Merino");
    const rows = page.getByTestId("inventory-row");
    const first = rows.first();
    const sku = (await first.getAttribute("data-sku"))!;
    const [stock] = await onHand(page);
    await first.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Adjust stock" }).click();
    const dialog = page.getByRole("dialog", { name: "Adjust stock" });
    await dialog.getByLabel("Units", { exact: true }).fill("5");
    await dialog.getByRole("button", { name: "Review changes" }).click();

    // Meanwhile someone else (another tab) adds 2 units.
    const lookup = await page.request.post("/api/admin/inventory/lookup", { data: { skus: [sku] } });
    const [variant] = ((await lookup.json()) as { variants: { variantId: number; stock: number }[] }).variants;
    const other = await page.request.post("/api/admin/inventory/bulk", {
      data: { mode: "increment", quantity: 2, reason: "returned", items: [{ variantId: variant!.variantId, expectedStock: variant!.stock }] },
    });
    expect(other.status()).toBe(200);

    const review = page.getByRole("dialog", { name: "Confirm stock changes" });
    await review.getByRole("button", { name: "Confirm 1 change" }).click();
    await expect(review.getByRole("alert")).toContainText(`${sku}: you saw ${stock}, it is now ${stock! + 2}`);
    await expect(review.getByTestId("adjust-preview-row")).toContainText(`${stock! + 2} → ${stock! + 7}`);
    await review.getByRole("button", { name: "Confirm 1 change" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Stock adjusted for 1 variant." })).toBeVisible();
    await expect.poll(async () => (await onHand(page))[0]).toBe(stock! + 7);
  });

  test("imports a CSV stock count through the same confirmation", async ({ page }) => {
    await signIn(page);
    await page.goto("/admin/inventory?q=Gradient+Set");
    const skus = await page.getByTestId("inventory-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-sku")!));
    const csv = `sku,quantity\n${skus[0]},40\n${skus[1]},7\n`;
    await page.getByLabel("CSV file").setInputFiles({ name: "count.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Review count" }).click();
    const dialog = page.getByRole("dialog", { name: "Apply stock count" });
    await expect(dialog.getByLabel("Note (optional)")).toHaveValue("Stock count from count.csv");
    await dialog.getByRole("button", { name: "Review changes" }).click();
    const review = page.getByRole("dialog", { name: "Confirm stock changes" });
    await expect(review.getByTestId("adjust-preview-row")).toHaveCount(2);
    await expect(review.getByTestId("adjust-preview-row").first()).toContainText("→ 40");
    await review.getByRole("button", { name: "Confirm 2 changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Stock adjusted for" })).toBeVisible();
    await expect.poll(async () => (await onHand(page)).slice(0, 2)).toEqual([40, 7]);

    // A file with a problem is explained and changes nothing.
    await page.getByLabel("CSV file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("sku,quantity\nNOPE-1,3\n") });
    await page.getByRole("button", { name: "Review count" }).click();
    await expect(page.getByText("No variant has the SKU NOPE-1")).toBeVisible();
  });
});
