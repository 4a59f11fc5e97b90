import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseCustomer } from "@/lib/privacy/erase-customer";
import { closeDb } from "@/lib/db";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { env } from "@/lib/env";
import { SEARCH_ENTRY_SELECT } from "@/lib/catalog/search-index";
import { checkInvariants } from "./check-invariants";

const run = promisify(execFile);
let client: Client;

beforeAll(async () => {
  await seedDemoData({ anchor: new Date("2026-06-01T12:00:00.000Z") });
  await closeDb();
  client = createClient({ url: env().DATABASE_URL });
});
afterAll(() => client.close());

/** Breaks the database the way a bug (or a hand edit) would, checks, then puts it back. */
async function withDamage(damage: string[], repair: string[]): Promise<string[]> {
  await client.execute("PRAGMA ignore_check_constraints = ON");
  for (const statement of damage) await client.execute(statement);
  try {
    return (await checkInvariants(client)).findings.map((finding) => `${finding.check}: ${finding.detail}`);
  } finally {
    for (const statement of repair) await client.execute(statement);
    await client.execute("PRAGMA ignore_check_constraints = OFF");
  }
}

describe("the invariant checker", () => {
  it("finds nothing wrong in a consistent shop, and says what it checked", async () => {
    const report = await checkInvariants(client);
    expect(report.findings).toEqual([]);
    expect(report.checked.length).toBeGreaterThanOrEqual(14);
  });

  it("reports stock that drifted from its ledger, naming the variant", async () => {
    const { rows } = await client.execute("SELECT id, sku, stock FROM product_variants ORDER BY id LIMIT 1");
    const { id, sku, stock } = rows[0]!;
    const findings = await withDamage(
      [`UPDATE product_variants SET stock = ${Number(stock) + 3} WHERE id = ${id}`],
      [`UPDATE product_variants SET stock = ${stock} WHERE id = ${id}`],
    );
    expect(findings).toEqual([`the stock ledger sums to stock for every variant: variant ${id} (${sku}): stock ${Number(stock) + 3}, ledger sum ${stock}`]);
  });

  it("reports an order whose totals do not add up and one without items", async () => {
    const { rows } = await client.execute("SELECT id, order_number, total FROM orders ORDER BY id LIMIT 1");
    const { id, order_number: number, total } = rows[0]!;
    const findings = await withDamage(
      [`UPDATE orders SET total = ${Number(total) + 1} WHERE id = ${id}`, "CREATE TEMP TABLE saved_items AS SELECT * FROM order_items WHERE order_id = " + id, `DELETE FROM order_items WHERE order_id = ${id}`],
      [`UPDATE orders SET total = ${total} WHERE id = ${id}`, "INSERT INTO order_items SELECT * FROM saved_items", "DROP TABLE saved_items"],
    );
    expect(findings).toContain(`every order has items: order ${number} has no items`);
    expect(findings.some((finding) => finding.startsWith(`order totals add up (subtotal - discount + shipping = total): order ${number}:`))).toBe(true);
  });

  it("reports a refunded amount its refund rows do not explain (a failed refund still counted) and a payment status that disagrees", async () => {
    const { rows } = await client.execute("SELECT id, order_number, total FROM orders WHERE payment_status = 'paid' AND amount_refunded = 0 ORDER BY id LIMIT 1");
    const { id, order_number: number } = rows[0]!;
    const findings = await withDamage(
      [
        `INSERT INTO refunds (order_id, provider_refund_id, amount, currency, status) VALUES (${id}, 're_broken', 300, 'GBP', 'failed')`,
        `UPDATE orders SET amount_refunded = 300 WHERE id = ${id}`,
      ],
      ["DELETE FROM refunds WHERE provider_refund_id = 're_broken'", `UPDATE orders SET amount_refunded = 0 WHERE id = ${id}`],
    );
    expect(findings).toContain(`every order's refunded amount is its standing refunds (or the charge's total less failed refunds): order ${number}: refunded 300, its refunds say 0`);
    expect(findings).toContain(`a paid order's payment status matches its refunded amount: order ${number}: payment paid with 300 of ${rows[0]!.total} refunded`);
    expect((await checkInvariants(client)).findings).toEqual([]);
  });

  it("reports a hold left behind by a closed checkout and a timestamp in another format", async () => {
    const { rows } = await client.execute("SELECT id FROM product_variants WHERE stock > 0 ORDER BY id LIMIT 1");
    const variantId = Number(rows[0]!.id);
    const findings = await withDamage(
      [
        "INSERT INTO checkouts (id, cart_id, status, country, lines, quote, currency, subtotal, payment_provider, expires_at) VALUES ('chk_broken', 'cart_x', 'expired', 'GB', '[]', '{}', 'GBP', 0, 'local', '2030-01-01T00:00:00.000Z')",
        `INSERT INTO stock_reservations (checkout_id, variant_id, quantity, expires_at) VALUES ('chk_broken', ${variantId}, 1, '2030-01-01T00:00:00.000Z')`,
        "UPDATE site_settings SET updated_at = '2026-06-01 12:00:00' WHERE key = (SELECT key FROM site_settings ORDER BY key LIMIT 1)",
      ],
      [
        "DELETE FROM checkouts WHERE id = 'chk_broken'",
        "UPDATE site_settings SET updated_at = '2026-06-01T12:00:00.000Z' WHERE updated_at = '2026-06-01 12:00:00'",
      ],
    );
    expect(findings.some((finding) => finding.includes("belongs to expired checkout chk_broken"))).toBe(true);
    expect(findings.some((finding) => finding.includes("site_settings.updated_at = '2026-06-01 12:00:00'"))).toBe(true);
    expect((await checkInvariants(client)).findings).toEqual([]);
  });

  it("reports a product the search index is missing or holds as it was before a change, and an entry for no product", async () => {
    const { rows } = await client.execute("SELECT id, name FROM products ORDER BY id LIMIT 2");
    const [renamed, dropped] = rows.map((row) => ({ id: Number(row.id), name: String(row.name) }));
    const findings = await withDamage(
      [
        `UPDATE products SET name = 'Renamed behind the index' WHERE id = ${renamed!.id}`,
        `DELETE FROM catalog_search WHERE rowid = ${dropped!.id}`,
        "INSERT INTO catalog_search (rowid, name, colourways, description) VALUES (999999, 'Ghost', '', '')",
      ],
      [
        `UPDATE products SET name = '${renamed!.name.replaceAll("'", "''")}' WHERE id = ${renamed!.id}`,
        "DELETE FROM catalog_search",
        `INSERT INTO catalog_search (rowid, name, colourways, description) SELECT id, name, colourways, description FROM (${SEARCH_ENTRY_SELECT})`,
      ],
    );
    const check = "the search index holds every product as the catalog reads it";
    expect(findings.sort()).toEqual(
      [
        `${check}: product ${renamed!.id} (Renamed behind the index) has a stale search entry`,
        `${check}: product ${dropped!.id} (${dropped!.name}) is missing from the search index`,
        `${check}: search entry 999999 is for a product that does not exist`,
      ].sort(),
    );
    expect((await checkInvariants(client)).findings).toEqual([]);
  });

  it("reports personal data left on an erased customer, in any column that can hold it", async () => {
    const { rows } = await client.execute("SELECT c.id, o.id AS order_id, o.order_number FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY o.id LIMIT 1");
    const { id, order_id: orderId, order_number: orderNumber } = rows[0]!;
    const checkoutId = "chk_erased_damage";
    await eraseCustomer({ customerId: Number(id), actor: "admin:test" });
    await closeDb();
    expect((await checkInvariants(client)).findings).toEqual([]);

    const before = "2000-01-01T00:00:00.000Z";
    const findings = await withDamage(
      [
        `UPDATE customers SET name = 'Alice Again' WHERE id = ${id}`,
        `INSERT INTO addresses (customer_id, name, line1, city, country) VALUES (${id}, 'A', '1 Secret Street', 'Testville', 'GB')`,
        `UPDATE orders SET email = 'ALICE@EXAMPLE.COM' WHERE id = ${orderId}`,
        `INSERT INTO order_events (order_id, type, message, created_at) VALUES (${orderId}, 'note_added', 'Alice rang from 07700 900123', '${before}')`,
        `INSERT INTO order_events (order_id, type, message, data, created_at) VALUES (${orderId}, 'email_failed', 'Order confirmation email failed.', '{"kind":"order_confirmation","error":"no mailbox alice@example.com"}', '${before}')`,
        `INSERT INTO email_outbox (order_id, kind, to_address, subject, html, text, idempotency_key, created_at) VALUES (${orderId}, 'damage', 'Alice@Example.com', 's', 'h', 't', 'damage/${orderId}', '${before}')`,
        `INSERT INTO checkouts (id, cart_id, status, email, country, lines, quote, currency, subtotal, payment_provider, expires_at) VALUES ('${checkoutId}', 'cart_x', 'completed', 'alice@example.com', 'GB', '[]', '{}', 'GBP', 0, 'local', '${before}')`,
        `UPDATE orders SET checkout_id = '${checkoutId}' WHERE id = ${orderId}`,
      ],
      [
        `UPDATE customers SET name = '' WHERE id = ${id}`,
        `DELETE FROM addresses WHERE customer_id = ${id}`,
        `UPDATE orders SET email = 'erased-0@erased.invalid' WHERE id = ${orderId}`,
        `DELETE FROM order_events WHERE order_id = ${orderId} AND created_at = '${before}'`,
        `DELETE FROM email_outbox WHERE idempotency_key = 'damage/${orderId}'`,
        `UPDATE orders SET checkout_id = NULL WHERE id = ${orderId}`,
        `DELETE FROM checkouts WHERE id = '${checkoutId}'`,
      ],
    );
    const check = "erased customers keep no personal data";
    expect(findings).toEqual(
      expect.arrayContaining([
        `${check}: customer ${id} still has its name`,
        expect.stringMatching(new RegExp(`^${check}: customer ${id} still has address \\d+$`)),
        `${check}: order ${orderNumber} of erased customer ${id} still has its email`,
        expect.stringMatching(new RegExp(`^${check}: order ${orderNumber}: note_added event \\d+ still holds text written before the erasure$`)),
        expect.stringMatching(new RegExp(`^${check}: order ${orderNumber}: email_failed event \\d+ still holds text written before the erasure$`)),
        expect.stringMatching(new RegExp(`^${check}: order ${orderNumber}: email \\d+ still has its recipient$`)),
        `${check}: order ${orderNumber}: checkout ${checkoutId} still has the buyer's email`,
      ]),
    );
    expect((await checkInvariants(client)).findings).toEqual([]);
  });

  it("reports a dispute with no order, a disputed flag with no open dispute, and an open dispute with no flag", async () => {
    const { rows } = await client.execute("SELECT id, order_number, flags FROM orders WHERE flags = '[]' ORDER BY id LIMIT 2");
    const [flagged, unflagged] = rows;
    const dispute = (orderId: unknown, id: string, status: string) =>
      `INSERT INTO disputes (order_id, provider_dispute_id, amount, currency, reason, status) VALUES (${orderId}, '${id}', 1200, 'GBP', 'fraudulent', '${status}')`;
    const findings = await withDamage(
      [
        "PRAGMA foreign_keys = OFF",
        dispute(999999, "du_orphan", "lost"),
        `UPDATE orders SET flags = '["disputed"]' WHERE id = ${flagged!.id}`,
        dispute(flagged!.id, "du_won", "won"),
        dispute(unflagged!.id, "du_open", "needs_response"),
      ],
      [`DELETE FROM disputes WHERE provider_dispute_id IN ('du_orphan','du_won','du_open')`, `UPDATE orders SET flags = '[]' WHERE id = ${flagged!.id}`, "PRAGMA foreign_keys = ON"],
    );
    expect(findings.sort()).toEqual(
      [
        "every dispute is tied to an existing order: dispute du_orphan has a missing order 999999",
        `an order is flagged disputed exactly when a dispute is open or lost: order ${flagged!.order_number} is flagged disputed with no open or lost dispute`,
        `an order is flagged disputed exactly when a dispute is open or lost: order ${unflagged!.order_number} has an open or lost dispute but no disputed flag`,
      ].sort(),
    );
  });

  it("reports a shop update that sold more of a variant than it released, and a customer over its limits", async () => {
    const { rows } = await client.execute(`
      SELECT oi.variant_id, o.email, sum(oi.quantity) AS units FROM order_items oi JOIN orders o ON o.id = oi.order_id
       WHERE oi.variant_id IS NOT NULL AND o.status NOT IN ('cancelled', 'refunded') AND o.payment_status IN ('pending', 'paid', 'partially_refunded')
       GROUP BY oi.variant_id, o.email ORDER BY units DESC LIMIT 1`);
    const { variant_id: variantId, email, units } = rows[0]!;
    const limit = Number(units) - 1;
    const findings = await withDamage(
      [
        `INSERT INTO shop_updates (id, name, live_at, limit_per_customer) VALUES (9001, 'Audit drop', '2000-01-01T00:00:00.000Z', ${limit})`,
        `INSERT INTO shop_update_items (update_id, variant_id, quantity, limit_per_customer) VALUES (9001, ${variantId}, ${limit}, ${limit})`,
      ],
      ["DELETE FROM shop_update_items WHERE update_id = 9001", "DELETE FROM shop_updates WHERE id = 9001"],
    );
    expect(findings.some((finding) => finding.startsWith(`a shop update sells no more of a variant than it released: update 9001 (Audit drop): variant ${variantId} sold `))).toBe(true);
    expect(findings).toContain(
      `no customer is over a shop update's per-customer limit (paid and pending orders): update 9001 (Audit drop): email ${email} has ${units} units, over its limit of ${limit}`,
    );
    expect(findings).toContain(
      `no customer is over a shop update's per-customer limit (paid and pending orders): update 9001 (Audit drop): email ${email} has ${units} units of variant ${variantId}, over its limit of ${limit}`,
    );

    // Closed before those orders were placed: they were ordinary sales, not the update's.
    const closed = await withDamage(
      [
        `INSERT INTO shop_updates (id, name, live_at, closed_at, limit_per_customer) VALUES (9001, 'Audit drop', '2000-01-01T00:00:00.000Z', '2000-01-02T00:00:00.000Z', ${limit})`,
        `INSERT INTO shop_update_items (update_id, variant_id, quantity, limit_per_customer) VALUES (9001, ${variantId}, ${limit}, ${limit})`,
      ],
      ["DELETE FROM shop_update_items WHERE update_id = 9001", "DELETE FROM shop_updates WHERE id = 9001"],
    );
    expect(closed).toEqual([]);
  });

  it("reports a waitlist sign-up notified without its email, an email whose sign-up is not notified, and one notified after unsubscribing", async () => {
    const { rows } = await client.execute("SELECT id FROM product_variants ORDER BY id LIMIT 1");
    const variantId = Number(rows[0]!.id);
    const at = (minute: number) => `'2026-06-01T12:0${minute}:00.000Z'`;
    const signup = (id: number, notifiedAt: string, unsubscribedAt = "NULL") =>
      `INSERT INTO waitlist_signups (id, variant_id, email, consented_at, notified_at, unsubscribed_at) VALUES (${id}, ${variantId}, 'w${id}@example.com', ${at(0)}, ${notifiedAt}, ${unsubscribedAt})`;
    const email = (key: string) =>
      `INSERT INTO email_outbox (id, order_id, kind, to_address, subject, html, text, idempotency_key) VALUES (${9000 + Number(key)}, NULL, 'back_in_stock', 'w@example.com', 's', 'h', 't', 'waitlist/${key}')`;
    const findings = await withDamage(
      [signup(9101, at(1)), signup(9102, "NULL"), email("9102"), signup(9103, at(2), at(1)), email("9103"), signup(9104, at(1)), email("9104")],
      ["DELETE FROM email_outbox WHERE idempotency_key LIKE 'waitlist/91%'", "DELETE FROM waitlist_signups WHERE id BETWEEN 9101 AND 9104"],
    );
    expect(findings).toEqual([
      "a waitlist sign-up is notified exactly when its one email is queued: sign-up 9101 is notified but has no waitlist email",
      "a waitlist sign-up is notified exactly when its one email is queued: email 18102 went to sign-up 9102, which is not marked notified",
      "no waitlist sign-up was notified before its consent or after it unsubscribed: sign-up 9103 was notified after it unsubscribed",
    ]);
  });

  it("reports a cart whose orders in a shop update pass its limit under two different emails", async () => {
    const { rows } = await client.execute(`
      SELECT oi.variant_id, o.id AS order_id, o.email, o.checkout_id, oi.quantity FROM order_items oi JOIN orders o ON o.id = oi.order_id
       WHERE oi.variant_id = (SELECT oi2.variant_id FROM order_items oi2 JOIN orders o2 ON o2.id = oi2.order_id
                               WHERE oi2.variant_id IS NOT NULL AND o2.status NOT IN ('cancelled', 'refunded') AND o2.payment_status IN ('pending', 'paid', 'partially_refunded')
                               GROUP BY oi2.variant_id HAVING count(DISTINCT o2.email) >= 2 ORDER BY oi2.variant_id LIMIT 1)
         AND o.status NOT IN ('cancelled', 'refunded') AND o.payment_status IN ('pending', 'paid', 'partially_refunded')
       ORDER BY o.id`);
    const first = rows[0]!;
    const second = rows.find((row) => row.email !== first.email)!;
    const units = Number(first.quantity) + Number(second.quantity);
    const checkout = (id: string) =>
      `INSERT INTO checkouts (id, cart_id, email, country, lines, quote, currency, subtotal, payment_provider, expires_at, status)
       VALUES ('${id}', 'cart_audit_shared', NULL, 'GB', '[]', '{}', 'GBP', 0, 'local', '2000-01-01T00:00:00.000Z', 'completed')`;
    const findings = await withDamage(
      [
        `INSERT INTO shop_updates (id, name, live_at, limit_per_customer) VALUES (9002, 'Cart drop', '2000-01-01T00:00:00.000Z', ${units - 1})`,
        `INSERT INTO shop_update_items (update_id, variant_id, quantity) VALUES (9002, ${first.variant_id}, NULL)`,
        checkout("chk_audit_one"),
        checkout("chk_audit_two"),
        `UPDATE orders SET checkout_id = 'chk_audit_one' WHERE id = ${first.order_id}`,
        `UPDATE orders SET checkout_id = 'chk_audit_two' WHERE id = ${second.order_id}`,
      ],
      [
        `UPDATE orders SET checkout_id = ${first.checkout_id === null ? "NULL" : `'${String(first.checkout_id)}'`} WHERE id = ${first.order_id}`,
        `UPDATE orders SET checkout_id = ${second.checkout_id === null ? "NULL" : `'${String(second.checkout_id)}'`} WHERE id = ${second.order_id}`,
        "DELETE FROM checkouts WHERE id IN ('chk_audit_one', 'chk_audit_two')",
        "DELETE FROM shop_update_items WHERE update_id = 9002",
        "DELETE FROM shop_updates WHERE id = 9002",
      ],
    );
    expect(findings).toContain(
      `no customer is over a shop update's per-customer limit (paid and pending orders): update 9002 (Cart drop): cart cart_audit_shared has ${units} units, over its limit of ${units - 1}`,
    );
  });

  it("npm run db:check exits 0 on a consistent shop and 1 on a finding", async () => {
    const script = ["tsx", "--import", "./scripts/server-only-off.mjs", "scripts/db-check.ts"];
    const clean = await run("npx", script, { env: { ...process.env } });
    expect(clean.stdout).toContain("no findings");

    await client.execute("PRAGMA ignore_check_constraints = ON");
    await client.execute("UPDATE product_variants SET stock = -1 WHERE id = (SELECT MIN(id) FROM product_variants)");
    const failed = await run("npx", script, { env: { ...process.env } }).catch((error: { code: number; stdout: string }) => error);
    expect("code" in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain("FAIL  no variant has negative stock");
  });
});
