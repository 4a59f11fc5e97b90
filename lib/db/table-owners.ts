// Who writes each table: the one map the architecture test (tests/integration/architecture.test.ts)
// enforces on the source and the README's table is checked against. A table is written (drizzle
// insert/update/delete or raw SQL) only inside its owner's folder; other domains call the owner.
export const TABLE_OWNERS = {
  collections: "lib/catalog",
  products: "lib/catalog",
  product_collections: "lib/catalog",
  product_variants: "lib/catalog",
  product_images: "lib/catalog",
  /** The storefront's FTS5 search index (migration 0009): not a drizzle table, written by search-index.ts. */
  catalog_search: "lib/catalog",
  uploads: "lib/uploads",
  content_pages: "lib/pages",
  inventory_adjustments: "lib/inventory",
  stock_reservations: "lib/inventory",
  customers: "lib/customers",
  addresses: "lib/customers",
  carts: "lib/cart",
  cart_items: "lib/cart",
  shipping_zones: "lib/shipping",
  shipping_zone_countries: "lib/shipping",
  shipping_rates: "lib/shipping",
  discount_codes: "lib/discounts",
  discount_redemptions: "lib/discounts",
  checkouts: "lib/checkout",
  orders: "lib/orders",
  order_items: "lib/orders",
  order_events: "lib/orders",
  /** Refund and dispute state is the order's money: the same module nets it into amount_refunded and the hold. */
  refunds: "lib/orders",
  disputes: "lib/orders",
  webhook_events: "lib/webhooks",
  email_outbox: "lib/email",
  site_settings: "lib/settings",
  audit_log: "lib/audit",
  admin_session_revocations: "lib/auth",
  admin_accounts: "lib/auth",
  admin_account_tokens: "lib/auth",
  /** Shop updates (scheduled drops) and the live view's refusal counters. */
  shop_updates: "lib/updates",
  shop_update_items: "lib/updates",
  shop_update_refusals: "lib/updates",
  /** The waiting room's arrivals and places (issue 28). */
  waiting_room_entries: "lib/updates",
  waitlist_signups: "lib/waitlist",
  storefront_sessions: "lib/analytics",
  batch_guards: "lib/db",
} as const;

export type TableName = keyof typeof TABLE_OWNERS;

/**
 * Columns written by a module outside their table's owner, and only by it: stock belongs to the
 * inventory ledger, not the catalog. `stock.ts` moves it with its ledger row inside a transaction;
 * `take-reserved-stock.ts` builds the same move as statements of the paid-order batch.
 */
export const COLUMN_WRITERS = {
  "product_variants.stock": ["lib/inventory/stock.ts", "lib/inventory/take-reserved-stock.ts"],
} as const;

/**
 * Loaders that fill an empty database wholesale and may write every table: the demo and at-scale
 * seeds, and the restore / import of the owner's own backups and exports (which refuse a non-empty
 * target).
 */
export const BULK_LOADERS = ["lib/seed", "lib/exports/backup", "lib/exports/bundle"] as const;
