import { expect, test } from "./fixtures";
import { E2E_ADMIN_PASSWORD } from "../../playwright.config";

test.describe("the owner's admin", () => {
  test("signs in, sees the dashboard, signs out, and is refused afterwards", async ({ page }) => {
    // Anonymous: the admin sends the visitor to sign in, remembering where they were going.
    await page.goto("/admin/orders");
    await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Forders$/);
    await expect(page.getByRole("heading", { name: "Sign in to the admin" })).toBeVisible();

    // A wrong password is explained, next to the field.
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription("That password is not right.");

    await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/orders$/);
    await expect(page.getByRole("heading", { name: "Orders" })).toBeVisible();

    // The dashboard, from the menu.
    const nav = page.getByRole("navigation", { name: "Admin" });
    await nav.getByRole("link", { name: "Dashboard" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    for (const figure of ["Orders today", "Revenue today", "Orders this week", "Revenue this week"]) {
      await expect(page.getByText(figure, { exact: true })).toBeVisible();
    }
    for (const panel of ["Orders needing attention", "Failed emails", "Recent orders"]) {
      await expect(page.getByRole("heading", { name: panel })).toBeVisible();
    }
    // The demo shop has held orders with their reason, and a failed email.
    const attention = page.getByRole("region", { name: /Orders needing attention/ });
    await expect(attention.getByText("Not enough stock").first()).toBeVisible();
    await expect(page.getByRole("region", { name: /Failed emails/ }).getByText("Recipient mailbox unavailable (550)")).toBeVisible();
    await expect(page.getByText("Signed in as Store owner").filter({ visible: true })).toBeVisible();

    // Every section in the menu opens (later releases fill them in).
    await nav.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/admin\/sign-in\?signed_out=1$/);
    await expect(page.getByText("You have signed out.")).toBeVisible();

    // Signed out: pages send the visitor back to sign-in, and the API refuses.
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
    const api = await page.request.get("/api/admin/session");
    expect(api.status()).toBe(401);
  });

  test("the session API signs in and out for scripts", async ({ request }) => {
    const wrong = await request.post("/api/admin/session", { data: { password: "wrong" }});
    expect(wrong.status()).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "unauthorized" } });

    const signIn = await request.post("/api/admin/session", { data: { password: E2E_ADMIN_PASSWORD } });
    expect(signIn.status()).toBe(204);
    expect(signIn.headers()["set-cookie"]).toMatch(/HttpOnly/i);
    expect((await request.get("/api/admin/session")).status()).toBe(200);

    expect((await request.delete("/api/admin/session")).status()).toBe(204);
    expect((await request.get("/api/admin/session")).status()).toBe(401);
  });

  test("the menu folds away on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/admin/sign-in");
    await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();

    const menu = page.getByRole("button", { name: /Menu/ });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("navigation", { name: "Admin" })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Inventory" }).click();
    await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin" })).toBeHidden();
  });
});
