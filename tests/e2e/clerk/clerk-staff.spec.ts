import { expect, expectAccessible, test } from "../fixtures";
import { CLERK_STAFF_USER_ID } from "./clerk-instance";
import { refuseClerkFrontendApi, setClerkSession } from "./clerk-session";

// A staff member (on STAFF_USER_IDS) packs an order; the money and the customers stay the owner's.
test.describe("a staff member in the admin", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await refuseClerkFrontendApi(context);
    await setClerkSession(context, baseURL!, CLERK_STAFF_USER_ID, { expiresInSeconds: 600 });
  });

  test("fulfils an order, and is refused a refund and the customers page", async ({ page }) => {
    // Seven pages and a dialog, each audited by axe: more than the default minute on a shared machine.
    test.setTimeout(240_000);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    // The menu offers only what a staff member can open, and the takings are not on the dashboard.
    const menu = page.getByRole("navigation", { name: "Admin" });
    await expect(menu.getByRole("link")).toHaveText(["Dashboard", "Orders", "Inventory", "Emails", "My account"]);
    await expect(page.getByText("Revenue today")).toHaveCount(0);

    const list = await page.request.get("/api/admin/orders?status=processing");
    expect(list.status()).toBe(200);
    const { rows } = (await list.json()) as { rows: { id: number; orderNumber: string }[] };
    const target = rows[0]!;

    await menu.getByRole("link", { name: "Orders" }).click();
    await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Download a spreadsheet (CSV)" })).toHaveCount(0);
    await page.goto(`/admin/orders/${target.id}`);
    await expect(page.getByRole("heading", { name: `Order ${target.orderNumber}` })).toBeVisible();

    // No refund, cancel or hold for staff: the buttons are not there, and the API refuses anyway.
    const actions = page.getByRole("region", { name: "Actions" });
    await expect(actions.getByRole("button", { name: "Refund", exact: true })).toHaveCount(0);
    await expect(actions.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
    await expect(actions.getByRole("button", { name: "Put on hold" })).toHaveCount(0);
    const refund = await page.request.post(`/api/admin/orders/${target.id}/refund`, {
      data: { amount: 100, reason: "requested_by_customer" },
    });
    expect(refund.status()).toBe(403);
    expect(await refund.json()).toMatchObject({ error: { code: "forbidden" } });

    await actions.getByRole("button", { name: "Fulfil order" }).click();
    const dialog = page.getByRole("dialog", { name: `Ship ${target.orderNumber}` });
    await expect(dialog).toBeVisible();
    await expectAccessible(page);
    await dialog.getByLabel("Carrier").selectOption("Royal Mail");
    await dialog.getByLabel("Tracking number").fill("RM112233445GB");
    await dialog.getByRole("button", { name: "Mark as shipped" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Order marked as shipped." })).toBeVisible();
    await expect(page.getByText(`Shipped with Royal Mail, tracking number RM112233445GB.`)).toBeVisible();
    // The history names who shipped it.
    await expect(page.getByRole("region", { name: "History" }).getByText(`admin ${CLERK_STAFF_USER_ID}`).first()).toBeVisible();

    // The packing slip is theirs to print.
    await page.getByRole("link", { name: "Packing slip" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/orders/${target.id}/packing-slip$`));

    // The customers page, typed in by hand: the not-allowed page, and the API refuses too. Its
    // loading screen streams first, so the refusal arrives as a redirect inside the streamed page
    // (the address bar may keep /admin/customers): the audit waits for what the page shows.
    await page.evaluate(() => window.location.assign("/admin/customers"));
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "You cannot open this page", level: 1 })).toBeVisible();
    await expect(page.getByText("You are signed in with a staff account.")).toBeVisible();
    await expectAccessible(page);
    expect((await page.request.get("/api/admin/customers")).status()).toBe(403);

    await page.getByRole("link", { name: "Back to the dashboard" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  });

  test("a phone-width not-allowed page is readable and accessible", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/admin/settings");
    await expect(page).toHaveURL(/\/admin\/not-allowed$/);
    await expect(page.getByRole("link", { name: "Back to the dashboard" })).toBeVisible();
    await expectAccessible(page);
  });
});
