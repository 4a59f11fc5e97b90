import { expect, expectAccessible, signIn, test } from "./fixtures";

const STAFF_EMAIL = "saturday-packer@example.com";
const STAFF_PASSWORD = "skeins-in-boxes-on-saturday";

// The owner adds a helper; the helper sets a password through the one-time link, packs an order, and
// meets the owner's doors shut. The account is deleted at the end: the other specs sign the owner in
// with the password alone, which works only while the owner is the shop's one account.
test.describe("a staff account made by the owner", () => {
  test("is made with a link, signs in, fulfils an order, and is refused a refund and the customers page", async ({ page, browser }) => {
    test.setTimeout(240_000);
    await signIn(page, "/admin/staff");
    await expect(page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();
    const add = page.getByRole("region", { name: "Add someone" });
    await add.getByLabel("Name").fill("Sam Packer");
    await add.getByLabel("Email").fill(STAFF_EMAIL);
    await add.getByLabel("Role").selectOption("staff");
    await add.getByRole("button", { name: "Add and make a link" }).click();
    const link = await page.getByLabel("Set-password link").inputValue();
    expect(link).toMatch(/\/admin\/set-password\?token=/);
    await expectAccessible(page);

    const staff = await browser.newContext({ baseURL: new URL(page.url()).origin });
    const staffPage = await staff.newPage();
    try {
      await staffPage.goto(new URL(link).pathname + new URL(link).search);
      await expect(staffPage.getByRole("heading", { name: "Set your password" })).toBeVisible();
      await expectAccessible(staffPage);
      await staffPage.getByLabel("New password", { exact: true }).fill(STAFF_PASSWORD);
      await staffPage.getByLabel("The same password again").fill(STAFF_PASSWORD);
      await staffPage.getByRole("button", { name: "Set password" }).click();
      await expect(staffPage.getByRole("status").filter({ hasText: "Your password is set." })).toBeVisible();

      // The link works once.
      const again = await staffPage.request.post("/api/admin/account/set-password", { data: { token: new URL(link).searchParams.get("token"), password: "another-long-password" } });
      expect(again.status()).toBe(400);

      await staffPage.goto("/admin/sign-in?next=%2Fadmin%2Forders");
      await staffPage.getByLabel("Email").fill(STAFF_EMAIL);
      await staffPage.getByLabel("Password").fill(STAFF_PASSWORD);
      await staffPage.getByRole("button", { name: "Sign in" }).click();
      await expect(staffPage).toHaveURL(/\/admin\/orders$/);
      await expect(staffPage.getByRole("navigation", { name: "Admin" }).getByRole("link")).toHaveText(["Dashboard", "Orders", "Inventory", "Emails", "My account"]);

      const list = await staffPage.request.get("/api/admin/orders?status=processing");
      expect(list.status()).toBe(200);
      const target = ((await list.json()) as { rows: { id: number; orderNumber: string }[] }).rows[0]!;
      await staffPage.goto(`/admin/orders/${target.id}`);
      const actions = staffPage.getByRole("region", { name: "Actions" });
      await expect(actions.getByRole("button", { name: "Refund", exact: true })).toHaveCount(0);
      const refund = await staffPage.request.post(`/api/admin/orders/${target.id}/refund`, { data: { amount: 100, reason: "requested_by_customer" } });
      expect(refund.status()).toBe(403);

      await actions.getByRole("button", { name: "Fulfil order" }).click();
      const dialog = staffPage.getByRole("dialog", { name: `Ship ${target.orderNumber}` });
      await dialog.getByLabel("Carrier").selectOption("Royal Mail");
      await dialog.getByLabel("Tracking number").fill("RM998877665GB");
      await dialog.getByRole("button", { name: "Mark as shipped" }).click();
      await expect(dialog).toBeHidden();
      await expect(staffPage.getByText("Shipped with Royal Mail, tracking number RM998877665GB.")).toBeVisible();
      // The history names the account that acted.
      await expect(staffPage.getByRole("region", { name: "History" }).getByText(STAFF_EMAIL).first()).toBeVisible();

      await staffPage.goto("/admin/customers");
      await expect(staffPage.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();
      await expectAccessible(staffPage);
    } finally {
      await staff.close();
      // Leave the owner the shop's only account again.
      await page.goto("/admin/staff");
      await page.getByRole("button", { name: `Delete ${STAFF_EMAIL}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete account" }).click();
      await expect(page.getByText(STAFF_EMAIL)).toHaveCount(0);
    }
  });
});
