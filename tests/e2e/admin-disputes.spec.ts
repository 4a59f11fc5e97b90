// A dispute reaches the owner's order page: a signed charge.dispute.created holds the order, and its Fulfil is refused with the reason.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { expect, expectAccessible, signIn, test } from "./fixtures";
import { newStripeId, signStripeEvent } from "@/tests/factories/stripe-event";
import { buildDisputeEvent } from "@/tests/factories/stripe-dispute-event";

// playwright.config.ts starts the server on this database with this secret.
const DATABASE_FILE = path.resolve(".tmp/e2e/store.db");
const WEBHOOK_SECRET = "whsec_e2e_local_signing_secret_0123456789ab";

let database: Client;

test.beforeAll(() => {
  database = createClient({ url: pathToFileURL(DATABASE_FILE).href });
});
test.afterAll(() => database.close());

test("a disputed order's Fulfil is refused with the reason, and its page shows the dispute", async ({ page, request }) => {
  // Three pages audited by axe after sign-in: more than the default minute on a shared two-core machine.
  test.setTimeout(180_000);
  // A demo order waiting to be shipped, read only: the dispute itself arrives through the webhook.
  const order = (
    await database.execute("SELECT id, order_number, payment_intent_id FROM orders WHERE status = 'processing' AND payment_intent_id IS NOT NULL ORDER BY id DESC LIMIT 1")
  ).rows[0]!;
  const orderPath = `/admin/orders/${order.id}`;
  await signIn(page, orderPath);
  await expect(page.getByRole("button", { name: "Fulfil order" })).toBeVisible();

  // The bank opens a dispute while the owner has the page open.
  const disputeId = newStripeId("du");
  const event = buildDisputeEvent({ type: "charge.dispute.created", disputeId, paymentIntentId: String(order.payment_intent_id), status: "needs_response" });
  const { body, headers } = signStripeEvent(event, { secret: WEBHOOK_SECRET });
  const delivered = await request.post("/api/webhooks/stripe", { data: body, headers });
  expect(delivered.status()).toBe(200);

  await page.getByRole("button", { name: "Fulfil order" }).click();
  const dialog = page.getByRole("dialog", { name: `Ship ${order.order_number}` });
  await dialog.getByLabel("Carrier").selectOption("Royal Mail");
  await dialog.getByLabel("Tracking number").fill("RM123123123GB");
  await dialog.getByRole("button", { name: "Mark as shipped" }).click();
  await expect(dialog.getByRole("alert")).toContainText("disputing this payment");
  await expectAccessible(page);

  // Reopened, the page says why up front and offers no Fulfil at all.
  await page.goto(orderPath);
  const panel = page.getByRole("region", { name: "Payment dispute" });
  await expect(panel).toContainText("Needs your response");
  await expect(panel).toContainText("£24.00");
  await expect(panel).toContainText("fraudulent");
  await expect(panel).toContainText("12 Dec 2026");
  await expect(panel.getByRole("link", { name: new RegExp(`Open dispute ${disputeId}`) })).toHaveAttribute("href", `https://dashboard.stripe.com/test/disputes/${disputeId}`);
  await expect(page.getByText("Needs attention: Disputed.")).toBeVisible();
  await expect(page.getByText(/disputing this payment, so it cannot be shipped/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Fulfil order" })).toHaveCount(0);
  await expectAccessible(page);

  // The phone width the owner may answer from.
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
