import { audit, expect, signIn, test } from "./fixtures";

/** A London wall time a week from now, as a datetime-local field takes it. */
function nextWeekAt(time: string): string {
  return `${new Date(Date.now() + 7 * 24 * 60 * 60_000).toISOString().slice(0, 10)}T${time}`;
}

test.describe("the owner's shop updates", () => {
  test("schedules an update from the admin and finds it in the list with its state", async ({ page }) => {
    await signIn(page, "/admin/updates");
    await expect(page.getByRole("heading", { name: "Shop updates", level: 1 })).toBeVisible();
    await audit(page);
    await page.getByRole("link", { name: "Schedule an update" }).click();
    await expect(page.getByRole("heading", { name: "Schedule a shop update", level: 1 })).toBeVisible();
    await audit(page);

    await page.getByLabel("Name", { exact: true }).fill("E2E Friday update");
    await page.getByLabel("Goes live (UK time)").fill(nextWeekAt("19:00"));
    await page.getByLabel("Preview from (UK time)").fill(nextWeekAt("20:00"));
    await page.getByLabel("Limit per customer", { exact: true }).fill("2");
    const picker = page.getByLabel("Add a colourway, or every colourway of a product");
    // A product no other spec buys: from here on the update governs it (not buyable until its minute).
    await picker.selectOption({ label: "All of Linen Project Bag" });
    await page.getByRole("button", { name: "Add", exact: true }).click();
    const items = page.getByTestId("update-item");
    await expect(items.first()).toBeVisible();
    await items.first().getByRole("textbox", { name: /Units released of/ }).fill("3");

    // The server's refusal lands next to its field: the preview must come before live.
    await page.getByRole("button", { name: "Schedule update" }).click();
    await expect(page.getByLabel("Preview from (UK time)")).toHaveAccessibleDescription(/before the update goes live/);
    await audit(page);
    await page.getByLabel("Preview from (UK time)").fill(nextWeekAt("18:00"));
    await page.getByRole("button", { name: "Schedule update" }).click();

    await expect(page.getByRole("heading", { name: /E2E Friday update/, level: 1 })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await expect(page.getByText(/^Goes live \w{3} \d{1,2} \w{3}, 19:00 \(in \d+ days\)$/)).toBeVisible();
    await expect(page.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("3");
    await audit(page);

    await page.getByRole("link", { name: "← Shop updates" }).click();
    const row = page.getByTestId("update-row").filter({ hasText: "E2E Friday update" });
    await expect(row).toContainText("Scheduled");
    await expect(row).toContainText("2 per customer");
    await audit(page);
  });
});
