import { expect, test } from "../fixtures";
import { CLERK_ADMIN_USER_ID } from "./clerk-instance";
import { clearClerkSession, handshakeAnswerForEndedSession, refuseClerkFrontendApi, setClerkSession } from "./clerk-session";
import { generateClerkKeyPair } from "../../factories/admin-clerk";

// The admin with Clerk configured, on a server started like every other (--hostname 127.0.0.1),
// its real middleware verifying session tokens minted here with the instance's key (CLERK_JWT_KEY).
test.describe("the admin with Clerk", () => {
  test.beforeEach(async ({ context }) => {
    await refuseClerkFrontendApi(context);
  });

  test("lets an allowlisted user in, and out again once Clerk has signed them out", async ({ page, context, baseURL }) => {
    await setClerkSession(context, baseURL!, CLERK_ADMIN_USER_ID);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.getByText(`Signed in as ${CLERK_ADMIN_USER_ID}`).filter({ visible: true })).toBeVisible();
    expect((await page.request.get("/api/admin/session")).status()).toBe(200);

    await page.goto("/admin/orders");
    await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();

    await clearClerkSession(context, baseURL!);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
    expect((await page.request.get("/api/admin/session")).status()).toBe(401);
  });

  test("refuses a signed-in user who is not on ADMIN_USER_IDS", async ({ page, context, baseURL }) => {
    await setClerkSession(context, baseURL!, "user_someone_else");
    await page.goto("/admin/orders");
    await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Forders$/);
    await expect(page.getByRole("heading", { name: "Not an admin account" })).toBeVisible();
    await expect(page.getByText("user_someone_else")).toBeVisible();
    const api = await page.request.get("/api/admin/session");
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  test("sends a token signed by another key to sign-in, like no token at all", async ({ page, context, baseURL }) => {
    await setClerkSession(context, baseURL!, CLERK_ADMIN_USER_ID, { privateKey: generateClerkKeyPair().privateKey });
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
    expect((await page.request.get("/api/admin/session")).status()).toBe(401);

    await context.clearCookies();
    await page.goto("/admin/orders");
    await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Forders$/);
  });

  test("refuses a token minted for another site (its azp is not APP_URL)", async ({ page, context, baseURL }) => {
    await setClerkSession(context, baseURL!, CLERK_ADMIN_USER_ID, { authorizedParty: "https://another-shop.example" });
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
    expect((await page.request.get("/api/admin/session")).status()).toBe(401);
  });

  test("sends an expired token through Clerk's handshake to sign-in", async ({ page, context, baseURL }) => {
    await setClerkSession(context, baseURL!, CLERK_ADMIN_USER_ID, { expiresInSeconds: -120 });
    expect((await page.request.get("/api/admin/session")).status()).toBe(401);

    // A page visit goes to Clerk's servers for a fresh token first (taken one step at a time here:
    // Playwright cannot answer for a host a redirect leads to, and this one does not resolve offline).
    const visit = await page.request.get("/admin", { maxRedirects: 0, headers: { "sec-fetch-dest": "document", accept: "text/html" } });
    expect(visit.status()).toBe(307);
    const { reason, back } = handshakeAnswerForEndedSession(visit.headers()["location"]!);
    expect(reason).toMatch(/^session-token-expired/);

    await page.goto(back);
    await expect(page).toHaveURL(/\/admin\/sign-in/);
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === "__session")).toBeUndefined();
    expect(cookies.find((cookie) => cookie.name === "__client_uat")?.value).toBe("0");
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
  });
});

// vercel/next.js#94745: with Clerk keys, a server bound to 127.0.0.1 used to answer 500 to everything.
test("the storefront, the admin and the Stripe webhook answer on 127.0.0.1 with Clerk keys", async ({ page, request }) => {
  const home = await page.goto("/");
  expect(home?.status()).toBe(200);
  const product = await request.get("/api/health");
  expect(product.status()).toBe(200);

  const admin = await request.get("/admin", { maxRedirects: 0 });
  expect(admin.status()).toBe(307);
  expect(admin.headers()["location"]).toMatch(/\/admin\/sign-in$/);

  const webhook = await request.post("/api/webhooks/stripe", {
    headers: { "content-type": "application/json", "stripe-signature": "t=1700000000,v1=0000" },
    data: "{}",
  });
  expect(webhook.status()).toBe(400);
});
