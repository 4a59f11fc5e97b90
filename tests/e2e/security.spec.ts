// The security headers in a real browser: every page still works under the CSP, and the edges answer as promised.
import { expect, test } from "./fixtures";

test("storefront and checkout pages run under the CSP without a single refused resource", async ({ page }) => {
  const refusals: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
  });

  const home = await page.goto("/");
  const headers = home!.headers();
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toMatch(/^max-age=/);

  await page.goto("/products/merino-sock");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("add-to-cart-confirmation")).toBeVisible();
  await page.goto("/checkout");
  await page.getByLabel("Delivery country").selectOption("FR");
  await expect(page.getByText("Delivery to France")).toBeVisible();
  await page.getByLabel("Email for your order confirmation").fill("csp.shopper@example.com");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page).toHaveURL(/\/checkout\/local\/chk_/);
  await expect(page.getByRole("button", { name: /^Pay / })).toBeEnabled();

  const admin = await page.goto("/admin/sign-in");
  expect(admin!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(admin!.headers()["x-frame-options"]).toBe("DENY");
  expect(refusals).toEqual([]);
});

test("a malformed path is the not-found page, and unknown API paths and methods answer JSON", async ({ page, request }) => {
  const malformed = await page.goto("/products/%ff");
  expect(malformed!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();

  const unknown = await request.get("/api/no-such-endpoint");
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
  const wrongMethod = await request.put("/api/cart", { data: {} });
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers()["allow"]).toContain("GET");
  const formPost = await request.post("/api/cart", { headers: { "content-type": "text/plain" }, data: '{"variantId":1,"quantity":1}' });
  expect(formPost.status()).toBe(415);
});
