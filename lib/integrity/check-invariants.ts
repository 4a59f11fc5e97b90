// The shop's invariants as read-only SQL: what `npm run db:check` (and the chaos tests) verify.
import type { Client } from "@libsql/client";
import { SEARCH_ENTRY_SELECT } from "@/lib/catalog/search-index";
import { ERASED_EMAIL_DOMAIN } from "@/lib/email-address";
import { ERASED_BEFORE_SENDING, ERASED_EMAIL_TEXT } from "@/lib/email/outbox-status";
import { expectedAmountRefundedSql } from "@/lib/orders/refunded-total";
import { HOLDING_DISPUTE_STATUSES } from "@/lib/orders/dispute-statuses";
import { erasedEventMessageSql, PERSONAL_DATA_KEYS, PERSONAL_TEXT_EVENT_TYPES } from "@/lib/orders/erase-order-data";

export type InvariantFinding = { check: string; detail: string };
export type InvariantReport = { checked: string[]; findings: InvariantFinding[] };

type Invariant = {
  name: string;
  /** Each row it returns is one finding; `detail` says what is wrong in words an owner can act on. */
  sql: string;
};

/** At most this many findings per check are listed; a broken invariant usually breaks many rows alike. */
const FINDINGS_PER_CHECK = 50;

/** A text value as an SQL literal. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** True when the column holds something other than an erasure placeholder (compared in lower case). */
const isRealEmail = (column: string) => `lower(${column}) NOT LIKE ${literal(`%@${ERASED_EMAIL_DOMAIN}`)}`;

/**
 * Order items that count for a shop update: of orders awaiting payment or paid (not cancelled or
 * refunded) placed while the update was live — from its live time until it closed, by hand or by
 * its close time. After that, what is left sells like any other stock and counts for nothing here.
 */
const SHOP_UPDATE_SALES = `
  SELECT u.id AS update_id, u.name AS update_name, u.limit_per_customer AS update_limit, i.variant_id, i.quantity AS released,
         i.limit_per_customer AS variant_limit, o.email, c.client_key, c.cart_id, oi.quantity
    FROM shop_updates u
    JOIN shop_update_items i ON i.update_id = u.id
    JOIN order_items oi ON oi.variant_id = i.variant_id
    JOIN orders o ON o.id = oi.order_id
    LEFT JOIN checkouts c ON c.id = o.checkout_id
   WHERE u.cancelled_at IS NULL
     AND o.created_at >= u.live_at
     AND o.created_at < min(coalesce(u.closed_at, '9999'), coalesce(u.close_at, '9999'))
     AND o.status NOT IN ('cancelled', 'refunded')
     AND o.payment_status IN ('pending', 'paid', 'partially_refunded')`;

/** Units per update variant beyond what the update released for it (an oversold drop). */
const SHOP_UPDATE_OVERSOLD = `
  SELECT 'update ' || update_id || ' (' || update_name || '): variant ' || variant_id || ' sold ' || sum(quantity) || ' of ' || released || ' released' AS detail
    FROM (${SHOP_UPDATE_SALES}) WHERE released IS NOT NULL
   GROUP BY update_id, variant_id HAVING sum(quantity) > released`;

/**
 * A customer over a limit, grouped by each thing that makes "the same customer" on its own (email,
 * client key, cart): a breach under any is a breach. The update's limit counts all its variants, a
 * variant's limit that variant alone.
 */
const SHOP_UPDATE_OVER_LIMIT = `
  WITH sales AS (${SHOP_UPDATE_SALES})
  SELECT 'update ' || update_id || ' (' || update_name || '): ' || who || ' has ' || units || ' units' || what || ', over its limit of ' || lim AS detail FROM (
    SELECT update_id, update_name, 'email ' || email AS who, '' AS what, sum(quantity) AS units, update_limit AS lim
      FROM sales WHERE update_limit IS NOT NULL GROUP BY update_id, email HAVING sum(quantity) > update_limit
    UNION ALL
    SELECT update_id, update_name, 'one client address', '', sum(quantity), update_limit
      FROM sales WHERE update_limit IS NOT NULL AND client_key IS NOT NULL GROUP BY update_id, client_key HAVING sum(quantity) > update_limit
    UNION ALL
    SELECT update_id, update_name, 'email ' || email, ' of variant ' || variant_id, sum(quantity), variant_limit
      FROM sales WHERE variant_limit IS NOT NULL GROUP BY update_id, variant_id, email HAVING sum(quantity) > variant_limit
    UNION ALL
    SELECT update_id, update_name, 'one client address', ' of variant ' || variant_id, sum(quantity), variant_limit
      FROM sales WHERE variant_limit IS NOT NULL AND client_key IS NOT NULL GROUP BY update_id, variant_id, client_key HAVING sum(quantity) > variant_limit
    UNION ALL
    SELECT update_id, update_name, 'cart ' || cart_id, '', sum(quantity), update_limit
      FROM sales WHERE update_limit IS NOT NULL AND cart_id IS NOT NULL GROUP BY update_id, cart_id HAVING sum(quantity) > update_limit
    UNION ALL
    SELECT update_id, update_name, 'cart ' || cart_id, ' of variant ' || variant_id, sum(quantity), variant_limit
      FROM sales WHERE variant_limit IS NOT NULL AND cart_id IS NOT NULL GROUP BY update_id, variant_id, cart_id HAVING sum(quantity) > variant_limit
  )`;

/**
 * Every column that can hold a person's data, on the records of customers who were erased: what
 * erasure leaves there (a placeholder, NULL, text rebuilt from structured data) is known, so
 * anything else is personal data left behind. Rows written after the erasure (an owner's later
 * status change, say) are the shop's own and are not judged.
 */
const ERASED_CUSTOMER_LEFTOVERS = `
  WITH erased AS (SELECT id, erased_at FROM customers WHERE erased_at IS NOT NULL),
       erased_orders AS (SELECT o.*, c.erased_at AS customer_erased_at FROM orders o JOIN erased c ON c.id = o.customer_id)
  SELECT 'customer ' || c.id || ' still has its ' ||
         CASE WHEN c.name <> '' THEN 'name' WHEN ${isRealEmail("c.email")} THEN 'email' WHEN c.clerk_user_id IS NOT NULL THEN 'sign-in link'
              ELSE 'marketing consent' END AS detail
    FROM customers c
   WHERE c.erased_at IS NOT NULL
     AND (c.name <> '' OR ${isRealEmail("c.email")} OR c.clerk_user_id IS NOT NULL OR c.accepts_marketing <> 0 OR c.marketing_consent_at IS NOT NULL)
  UNION ALL
  SELECT 'customer ' || a.customer_id || ' still has address ' || a.id FROM addresses a JOIN erased c ON c.id = a.customer_id
  UNION ALL
  SELECT 'order ' || o.order_number || ' of erased customer ' || o.customer_id || ' still has its ' ||
         CASE WHEN ${isRealEmail("o.email")} THEN 'email' WHEN o.shipping_address IS NOT NULL THEN 'shipping address'
              WHEN o.billing_address IS NOT NULL THEN 'billing address' ELSE 'notes' END
    FROM erased_orders o
   WHERE ${isRealEmail("o.email")} OR o.shipping_address IS NOT NULL OR o.billing_address IS NOT NULL OR o.notes IS NOT NULL
  UNION ALL
  SELECT 'order ' || o.order_number || ': ' || e.type || ' event ' || e.id || ' still holds text written before the erasure'
    FROM order_events e JOIN erased_orders o ON o.id = e.order_id
   WHERE e.created_at <= o.customer_erased_at
     AND e.type IN (${PERSONAL_TEXT_EVENT_TYPES.map(literal).join(", ")})
     AND (e.message IS NOT (${erasedEventMessageSql("e.")})
          OR ${PERSONAL_DATA_KEYS.map((key) => `json_type(e.data, ${literal(`$.${key}`)}) IS NOT NULL`).join(" OR ")})
  UNION ALL
  SELECT 'order ' || o.order_number || ': email ' || m.id || ' still has its ' ||
         CASE WHEN ${isRealEmail("m.to_address")} THEN 'recipient' WHEN m.subject <> ${literal(ERASED_EMAIL_TEXT)} THEN 'subject'
              WHEN m.html <> ${literal(ERASED_EMAIL_TEXT)} OR m.text <> ${literal(ERASED_EMAIL_TEXT)} THEN 'text' ELSE 'provider error' END
    FROM email_outbox m JOIN erased_orders o ON o.id = m.order_id
   WHERE m.created_at <= o.customer_erased_at
     AND (${isRealEmail("m.to_address")} OR m.subject <> ${literal(ERASED_EMAIL_TEXT)} OR m.html <> ${literal(ERASED_EMAIL_TEXT)}
          OR m.text <> ${literal(ERASED_EMAIL_TEXT)} OR coalesce(m.last_error, ${literal(ERASED_BEFORE_SENDING)}) <> ${literal(ERASED_BEFORE_SENDING)})
  UNION ALL
  SELECT 'order ' || o.order_number || ': discount redemption ' || r.id || ' still has the buyer''s email'
    FROM discount_redemptions r JOIN erased_orders o ON o.id = r.order_id
   WHERE ${isRealEmail("r.email")}
  UNION ALL
  SELECT 'order ' || o.order_number || ': checkout ' || k.id || ' still has the buyer''s email'
    FROM checkouts k JOIN erased_orders o ON o.checkout_id = k.id
   WHERE k.email IS NOT NULL`;

/**
 * Notify-me's structural rule (lib/waitlist/queue-waitlist-emails.ts): a sign-up's notified_at and
 * its one outbox row (`waitlist/<id>`, unique, so never twice) commit together. A notified sign-up
 * without its email, or an email whose sign-up (still held: erasure deletes sign-ups) says it was
 * never notified, is a breach. How many were told per free unit is not checkable after the fact
 * (holds and sales move on), so the bound is proved by tests instead.
 */
const WAITLIST_NOTIFIED_WITHOUT_EMAIL = `
  SELECT 'sign-up ' || w.id || ' is notified but has no waitlist email' AS detail
  FROM waitlist_signups w
  WHERE w.notified_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM email_outbox m WHERE m.idempotency_key = 'waitlist/' || w.id)
  UNION ALL
  SELECT 'email ' || m.id || ' went to sign-up ' || w.id || ', which is not marked notified' AS detail
  FROM email_outbox m JOIN waitlist_signups w ON m.idempotency_key = 'waitlist/' || w.id
  WHERE w.notified_at IS NULL`;

const INVARIANTS: readonly Invariant[] = [
  {
    name: "no variant has negative stock",
    sql: `SELECT 'variant ' || id || ' (' || sku || ') has stock ' || stock AS detail FROM product_variants WHERE stock < 0`,
  },
  {
    name: "the stock ledger sums to stock for every variant",
    sql: `SELECT 'variant ' || v.id || ' (' || v.sku || '): stock ' || v.stock || ', ledger sum ' || COALESCE(SUM(a.delta), 0) AS detail
          FROM product_variants v LEFT JOIN inventory_adjustments a ON a.variant_id = v.id
          GROUP BY v.id HAVING COALESCE(SUM(a.delta), 0) <> v.stock`,
  },
  {
    name: "every ledger row's arithmetic holds (after = before + delta, never negative)",
    sql: `SELECT 'ledger row ' || id || ': ' || stock_before || ' + ' || delta || ' <> ' || stock_after AS detail
          FROM inventory_adjustments WHERE stock_after <> stock_before + delta OR stock_after < 0`,
  },
  {
    name: "live holds never exceed stock",
    sql: `SELECT 'variant ' || v.id || ' (' || v.sku || '): ' || SUM(r.quantity) || ' held, stock ' || v.stock AS detail
          FROM stock_reservations r JOIN product_variants v ON v.id = r.variant_id
          WHERE r.expires_at > strftime('%Y-%m-%dT%H:%M:%fZ','now')
          GROUP BY v.id HAVING SUM(r.quantity) > v.stock`,
  },
  {
    name: "only open checkouts (or orders awaiting a delayed payment) hold stock",
    sql: `SELECT 'hold ' || r.id || ' of variant ' || r.variant_id || ' belongs to ' || c.status || ' checkout ' || c.id AS detail
          FROM stock_reservations r JOIN checkouts c ON c.id = r.checkout_id
          WHERE c.status IN ('expired','failed','replaced')
             OR (c.status = 'completed' AND NOT EXISTS (
                  SELECT 1 FROM orders o WHERE o.checkout_id = c.id AND o.payment_status = 'pending'))`,
  },
  {
    name: "every order has items",
    sql: `SELECT 'order ' || order_number || ' has no items' AS detail FROM orders o
          WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)`,
  },
  {
    name: "every order has events",
    sql: `SELECT 'order ' || order_number || ' has no events' AS detail FROM orders o
          WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id)`,
  },
  {
    name: "order items add up to the order's subtotal",
    sql: `SELECT 'order ' || o.order_number || ': subtotal ' || o.subtotal || ', items ' || SUM(i.line_total) AS detail
          FROM orders o JOIN order_items i ON i.order_id = o.id
          GROUP BY o.id HAVING SUM(i.line_total) <> o.subtotal`,
  },
  {
    name: "order totals add up (subtotal - discount + shipping = total)",
    sql: `SELECT 'order ' || order_number || ': ' || subtotal || ' - ' || discount_total || ' + ' || shipping_total || ' <> ' || total AS detail
          FROM orders WHERE subtotal - discount_total + shipping_total <> total`,
  },
  {
    name: "refunds never exceed what was paid",
    sql: `SELECT 'order ' || order_number || ': refunded ' || amount_refunded || ' of ' || total AS detail
          FROM orders WHERE amount_refunded > total OR amount_refunded < 0`,
  },
  {
    name: "every order's refunded amount is its standing refunds (or the charge's total less failed refunds)",
    sql: `SELECT 'order ' || o.order_number || ': refunded ' || o.amount_refunded || ', its refunds say ' || ${expectedAmountRefundedSql("o")} AS detail
          FROM orders o WHERE o.amount_refunded <> ${expectedAmountRefundedSql("o")}`,
  },
  {
    name: "a paid order's payment status matches its refunded amount",
    sql: `SELECT 'order ' || o.order_number || ': payment ' || o.payment_status || ' with ' || o.amount_refunded || ' of ' || o.total || ' refunded' AS detail
          FROM orders o
         WHERE o.payment_status IN ('paid','partially_refunded','refunded')
           AND o.payment_status <> CASE WHEN o.amount_refunded <= 0 THEN 'paid' WHEN o.amount_refunded >= o.total THEN 'refunded' ELSE 'partially_refunded' END`,
  },
  {
    name: "paid orders have taken their stock (a stock event or a shortfall hold)",
    sql: `SELECT 'order ' || o.order_number || ' is paid but has no stock_updated or stock_shortfall event' AS detail
          FROM orders o WHERE o.payment_status IN ('paid','partially_refunded','refunded') AND o.paid_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.type IN ('stock_updated','stock_shortfall'))`,
  },
  {
    name: "every outbox email belongs to an existing order (a waitlist email to its sign-up instead)",
    sql: `SELECT 'email ' || m.id || ' (' || m.kind || ') has ' || CASE WHEN m.order_id IS NULL THEN 'no order' ELSE 'a missing order ' || m.order_id END AS detail
          FROM email_outbox m LEFT JOIN orders o ON o.id = m.order_id
          WHERE o.id IS NULL AND NOT (m.order_id IS NULL AND m.kind IN ('back_in_stock','update_live') AND m.idempotency_key GLOB 'waitlist/[0-9]*')`,
  },
  { name: "a waitlist sign-up is notified exactly when its one email is queued", sql: WAITLIST_NOTIFIED_WITHOUT_EMAIL },
  {
    name: "no waitlist sign-up was notified before its consent or after it unsubscribed",
    sql: `SELECT 'sign-up ' || w.id || CASE WHEN w.notified_at < w.consented_at THEN ' was notified before it consented' ELSE ' was notified after it unsubscribed' END AS detail
          FROM waitlist_signups w
          WHERE w.notified_at IS NOT NULL AND (w.notified_at < w.consented_at OR (w.unsubscribed_at IS NOT NULL AND w.unsubscribed_at < w.notified_at))`,
  },
  {
    name: "every discount code's use count matches its redemptions",
    sql: `SELECT 'code ' || d.code || ': uses ' || d.uses || ', redemptions ' || COUNT(r.id) AS detail
          FROM discount_codes d LEFT JOIN discount_redemptions r ON r.discount_code_id = d.id
          GROUP BY d.id HAVING COUNT(r.id) <> d.uses`,
  },
  {
    name: "every dispute is tied to an existing order",
    sql: `SELECT 'dispute ' || d.provider_dispute_id || ' has a missing order ' || d.order_id AS detail
          FROM disputes d LEFT JOIN orders o ON o.id = d.order_id WHERE o.id IS NULL`,
  },
  {
    name: "an order is flagged disputed exactly when a dispute is open or lost",
    sql: `SELECT 'order ' || o.order_number || CASE WHEN flagged THEN ' is flagged disputed with no open or lost dispute' ELSE ' has an open or lost dispute but no disputed flag' END AS detail
          FROM (SELECT o.order_number,
                       EXISTS (SELECT 1 FROM json_each(o.flags) WHERE json_each.value = 'disputed') AS flagged,
                       EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = o.id AND d.status IN (${HOLDING_DISPUTE_STATUSES.map(literal).join(", ")})) AS holding
                  FROM orders o) o
         WHERE flagged <> holding`,
  },
  { name: "erased customers keep no personal data", sql: ERASED_CUSTOMER_LEFTOVERS },
  { name: "a shop update sells no more of a variant than it released", sql: SHOP_UPDATE_OVERSOLD },
  { name: "no customer is over a shop update's per-customer limit (paid and pending orders)", sql: SHOP_UPDATE_OVER_LIMIT },
  {
    name: "the search index holds every product as the catalog reads it",
    sql: `SELECT 'product ' || e.id || ' (' || e.name || ') ' || CASE WHEN s.rowid IS NULL THEN 'is missing from the search index' ELSE 'has a stale search entry' END AS detail
          FROM (${SEARCH_ENTRY_SELECT}) e LEFT JOIN catalog_search s ON s.rowid = e.id
          WHERE s.rowid IS NULL OR s.name IS NOT e.name OR s.colourways IS NOT e.colourways OR s.description IS NOT e.description
          UNION ALL
          SELECT 'search entry ' || s.rowid || ' is for a product that does not exist' AS detail
          FROM catalog_search s WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = s.rowid)`,
  },
];

const ISO_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z";

/** Every `*_at` column of every table, found from the schema itself so new tables are covered too. */
async function timestampColumns(client: Client): Promise<{ table: string; column: string }[]> {
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
  );
  const found: { table: string; column: string }[] = [];
  for (const { name } of tables.rows) {
    const columns = await client.execute(`PRAGMA table_info("${String(name)}")`);
    for (const column of columns.rows) {
      if (String(column.name).endsWith("_at")) found.push({ table: String(name), column: String(column.name) });
    }
  }
  return found;
}

async function findings(client: Client, check: string, sql: string, args: (string | number)[] = []): Promise<InvariantFinding[]> {
  const result = await client.execute({ sql: `${sql} LIMIT ${FINDINGS_PER_CHECK}`, args });
  return result.rows.map((row) => ({ check, detail: String(row.detail) }));
}

/**
 * Runs every check against the database behind `client` and lists what it found. Read-only: it
 * never repairs anything, because the right repair (restock, refund, release) is the owner's call.
 */
export async function checkInvariants(client: Client, onCheck?: (name: string, count: number) => void): Promise<InvariantReport> {
  const report: InvariantReport = { checked: [], findings: [] };
  const record = (name: string, found: InvariantFinding[]) => {
    report.checked.push(name);
    report.findings.push(...found);
    onCheck?.(name, found.length);
  };
  for (const invariant of INVARIANTS) record(invariant.name, await findings(client, invariant.name, invariant.sql));

  const name = "every timestamp is ISO-8601 UTC with milliseconds";
  const found: InvariantFinding[] = [];
  for (const { table, column } of await timestampColumns(client)) {
    const sql = `SELECT '${table}.${column} = ' || quote("${column}") || ' (rowid ' || rowid || ')' AS detail
                 FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" NOT GLOB ?`;
    found.push(...(await findings(client, name, sql, [ISO_GLOB])));
  }
  record(name, found);
  return report;
}
