// The whole domain's tables. Money is integer minor units; times are ISO-8601 UTC text with milliseconds.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import { z } from "zod";

/**
 * SQL-evaluated "now" in exactly the format of `Date.prototype.toISOString()`
 * (2026-11-22T03:05:33.123Z), so rows written by SQL defaults and by JS sort and compare as text.
 */
export const sqlNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

const createdAt = () => text("created_at").notNull().default(sqlNow);
const updatedAt = () => text("updated_at").notNull().default(sqlNow);
const bool = (name: string) => integer(name, { mode: "boolean" });

/** ISO timestamp shape, enforced by the database on every timestamp column. */
const isIsoTimestamp = (column: string) =>
  `${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'`;
const isoCheck = (table: string, column: string) => check(`${table}_${column}_iso`, sql.raw(isIsoTimestamp(column)));
const optionalIsoCheck = (table: string, column: string) =>
  check(`${table}_${column}_iso`, sql.raw(`${column} IS NULL OR (${isIsoTimestamp(column)})`));

/** `column IN ('a','b',…)` from the same `as const` list the column's enum uses, so the two cannot drift. */
const isOneOf = (column: AnySQLiteColumn, values: readonly string[]) =>
  sql`${column} IN (${sql.raw(values.map((value) => `'${value}'`).join(","))})`;

// ---------------------------------------------------------------- catalog

export const collections = sqliteTable(
  "collections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    imageUrl: text("image_url"),
    isFeatured: bool("is_featured").notNull().default(false),
    /** Hidden collections keep their products and order but are not listed or served to shoppers. */
    isPublished: bool("is_published").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [isoCheck("collections", "created_at"), isoCheck("collections", "updated_at")],
);

export const PRODUCT_STATUSES = ["draft", "active", "archived"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const products = sqliteTable(
  "products",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: PRODUCT_STATUSES }).notNull().default("draft"),
    isFeatured: bool("is_featured").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("products_status", isOneOf(t.status, PRODUCT_STATUSES)),
    index("products_status_created_idx").on(t.status, t.createdAt),
    isoCheck("products", "created_at"),
    isoCheck("products", "updated_at"),
  ],
);

export const productCollections = sqliteTable(
  "product_collections",
  {
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    collectionId: integer("collection_id")
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.collectionId] }),
    index("product_collections_collection_idx").on(t.collectionId, t.position),
  ],
);

export const productVariants = sqliteTable(
  "product_variants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    sku: text("sku").notNull().unique(),
    /** Display name built from the options, e.g. "Heather / 4ply". */
    name: text("name").notNull(),
    /** Option values as a JSON object, e.g. {"colour":"Heather","weight":"4ply"}. */
    options: text("options", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    price: integer("price").notNull(),
    compareAtPrice: integer("compare_at_price"),
    weightGrams: integer("weight_grams").notNull().default(0),
    stock: integer("stock").notNull().default(0),
    position: integer("position").notNull().default(0),
    isActive: bool("is_active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("product_variants_stock_non_negative", sql`${t.stock} >= 0`),
    check("product_variants_price_non_negative", sql`${t.price} >= 0`),
    check("product_variants_compare_at_price", sql`${t.compareAtPrice} IS NULL OR ${t.compareAtPrice} >= 0`),
    check("product_variants_weight_non_negative", sql`${t.weightGrams} >= 0`),
    index("product_variants_product_idx").on(t.productId, t.position),
    isoCheck("product_variants", "created_at"),
    isoCheck("product_variants", "updated_at"),
  ],
);

export const productImages = sqliteTable(
  "product_images",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    /** Set when the image shows one variant (a colourway); null for the product's general images. */
    variantId: integer("variant_id").references(() => productVariants.id, { onDelete: "set null" }),
    url: text("url").notNull(),
    alt: text("alt").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("product_images_product_idx").on(t.productId, t.position),
    index("product_images_variant_idx").on(t.variantId),
    isoCheck("product_images", "created_at"),
  ],
);

export const UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/avif"] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

/**
 * A photo the owner uploaded (or the demo seed stored), as the storage driver holds it: already
 * stripped of metadata, oriented and scaled. Product images and collections refer to it by `url`;
 * an upload no row refers to any more is deleted from storage by the cleanup cron.
 */
export const uploads = sqliteTable(
  "uploads",
  {
    /** Random, URL-safe; also the start of the storage key. */
    id: text("id").primaryKey(),
    /** Where the driver keeps the bytes (a path under DATA_DIR/uploads, or a blob pathname). */
    storageKey: text("storage_key").notNull().unique(),
    /** What pages use: a stable local path or the blob's public URL. */
    url: text("url").notNull().unique(),
    contentType: text("content_type", { enum: UPLOAD_CONTENT_TYPES }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("uploads_content_type", isOneOf(t.contentType, UPLOAD_CONTENT_TYPES)),
    check("uploads_dimensions_positive", sql`${t.width} > 0 AND ${t.height} > 0`),
    check("uploads_bytes_positive", sql`${t.bytes} > 0`),
    index("uploads_created_idx").on(t.createdAt),
    isoCheck("uploads", "created_at"),
  ],
);

// ---------------------------------------------------------------- content pages

/** Pages the owner writes in Markdown (About, Shipping & returns, Privacy, Terms, …), served at /pages/<slug>. */
export const contentPages = sqliteTable(
  "content_pages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    /** Markdown; rendered without raw HTML. */
    body: text("body").notNull().default(""),
    isPublished: bool("is_published").notNull().default(true),
    /** Order of the footer links. */
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [isoCheck("content_pages", "created_at"), isoCheck("content_pages", "updated_at")],
);

// ---------------------------------------------------------------- write batches

/**
 * Never holds a row. A write batch's guard statement inserts one row per condition it rests on; a
 * BEFORE INSERT trigger (migration 0010) drops the row when the condition holds and otherwise aborts
 * the batch with RAISE(ABORT, 'guard:<name>'): a failure we name and raise ourselves (lib/db/guards.ts).
 */
export const batchGuards = sqliteTable("batch_guards", {
  name: text("name").notNull(),
  holds: integer("holds"),
});

// ---------------------------------------------------------------- customers

export const customers = sqliteTable(
  "customers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stored lower-cased so "Ann@x.com" and "ann@x.com" are one customer. */
    email: text("email").notNull().unique(),
    name: text("name").notNull().default(""),
    acceptsMarketing: bool("accepts_marketing").notNull().default(false),
    marketingConsentAt: text("marketing_consent_at"),
    clerkUserId: text("clerk_user_id").unique(),
    /** Set when the customer's personal data was erased on request (GDPR); the row stays for the accounts. */
    erasedAt: text("erased_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("customers_email_lower", sql`${t.email} = lower(${t.email}) AND ${t.email} LIKE '%_@_%'`),
    index("customers_created_idx").on(t.createdAt),
    isoCheck("customers", "created_at"),
    isoCheck("customers", "updated_at"),
    optionalIsoCheck("customers", "marketing_consent_at"),
    optionalIsoCheck("customers", "erased_at"),
  ],
);

export const addresses = sqliteTable(
  "addresses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    line1: text("line1").notNull(),
    line2: text("line2"),
    city: text("city").notNull(),
    region: text("region"),
    postalCode: text("postal_code").notNull().default(""),
    /** ISO 3166-1 alpha-2, upper case. */
    country: text("country").notNull(),
    phone: text("phone"),
    isDefault: bool("is_default").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    check("addresses_country", sql`length(${t.country}) = 2 AND ${t.country} = upper(${t.country})`),
    index("addresses_customer_idx").on(t.customerId),
    isoCheck("addresses", "created_at"),
  ],
);

// ---------------------------------------------------------------- carts

export const carts = sqliteTable(
  "carts",
  {
    /** Random token, also the value of the shopper's httpOnly cart cookie. */
    id: text("id").primaryKey(),
    customerId: integer("customer_id").references(() => customers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("carts_updated_idx").on(t.updatedAt), isoCheck("carts", "created_at"), isoCheck("carts", "updated_at")],
);

/**
 * The most units one cart line can ever hold — the CHECK on cart_items below says the same 99 — and
 * so the ceiling of the shop's own per-item cap (the maxUnitsPerVariant setting), which is what carts
 * and checkouts enforce.
 */
export const MAX_LINE_QUANTITY = 99;

export const cartItems = sqliteTable(
  "cart_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cartId: text("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("cart_items_quantity", sql`${t.quantity} > 0 AND ${t.quantity} <= 99`),
    uniqueIndex("cart_items_cart_variant_unique").on(t.cartId, t.variantId),
    index("cart_items_variant_idx").on(t.variantId),
    isoCheck("cart_items", "created_at"),
    isoCheck("cart_items", "updated_at"),
  ],
);

// ---------------------------------------------------------------- shipping

export const shippingZones = sqliteTable(
  "shipping_zones",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().unique(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [isoCheck("shipping_zones", "created_at"), isoCheck("shipping_zones", "updated_at")],
);

/**
 * A zone's countries. The country is the primary key, so the database itself guarantees a country
 * belongs to at most one zone: a shopper can never be offered two zones' rates. Two triggers
 * (migration 0014; drizzle's schema cannot declare them) refuse the codes Stripe Checkout cannot ship to.
 */
export const shippingZoneCountries = sqliteTable(
  "shipping_zone_countries",
  {
    country: text("country").primaryKey(),
    zoneId: integer("zone_id")
      .notNull()
      .references(() => shippingZones.id, { onDelete: "cascade" }),
  },
  (t) => [
    check("shipping_zone_countries_code", sql`length(${t.country}) = 2 AND ${t.country} = upper(${t.country})`),
    index("shipping_zone_countries_zone_idx").on(t.zoneId),
  ],
);

export const shippingRates = sqliteTable(
  "shipping_rates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    zoneId: integer("zone_id")
      .notNull()
      .references(() => shippingZones.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Weight band of the whole parcel, inclusive; a null maximum means no upper limit. */
    minWeightGrams: integer("min_weight_grams").notNull().default(0),
    maxWeightGrams: integer("max_weight_grams"),
    price: integer("price").notNull(),
    /** The rate costs nothing when the order subtotal (after discount) reaches this amount. */
    freeOverSubtotal: integer("free_over_subtotal"),
    minDeliveryDays: integer("min_delivery_days").notNull(),
    maxDeliveryDays: integer("max_delivery_days").notNull(),
    isTracked: bool("is_tracked").notNull().default(false),
    isActive: bool("is_active").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("shipping_rates_price", sql`${t.price} >= 0`),
    check("shipping_rates_weight_band", sql`${t.minWeightGrams} >= 0 AND (${t.maxWeightGrams} IS NULL OR ${t.maxWeightGrams} >= ${t.minWeightGrams})`),
    check("shipping_rates_free_over", sql`${t.freeOverSubtotal} IS NULL OR ${t.freeOverSubtotal} >= 0`),
    check("shipping_rates_delivery_days", sql`${t.minDeliveryDays} >= 0 AND ${t.maxDeliveryDays} >= ${t.minDeliveryDays}`),
    index("shipping_rates_zone_idx").on(t.zoneId, t.position),
    isoCheck("shipping_rates", "created_at"),
    isoCheck("shipping_rates", "updated_at"),
  ],
);

// ---------------------------------------------------------------- discounts

export const DISCOUNT_KINDS = ["percent", "fixed"] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

export const discountCodes = sqliteTable(
  "discount_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stored upper-cased; shoppers may type it in any case. */
    code: text("code").notNull().unique(),
    kind: text("kind", { enum: DISCOUNT_KINDS }).notNull(),
    /** Percent (1–100) for `percent`; minor units for `fixed`. */
    value: integer("value").notNull(),
    minimumSubtotal: integer("minimum_subtotal").notNull().default(0),
    startsAt: text("starts_at"),
    endsAt: text("ends_at"),
    usageLimit: integer("usage_limit"),
    uses: integer("uses").notNull().default(0),
    isActive: bool("is_active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("discount_codes_code_upper", sql`${t.code} = upper(${t.code}) AND length(${t.code}) BETWEEN 2 AND 40`),
    check(
      "discount_codes_value",
      sql`(${t.kind} = 'percent' AND ${t.value} BETWEEN 1 AND 100) OR (${t.kind} = 'fixed' AND ${t.value} > 0)`,
    ),
    check("discount_codes_kind", isOneOf(t.kind, DISCOUNT_KINDS)),
    check("discount_codes_minimum", sql`${t.minimumSubtotal} >= 0`),
    check("discount_codes_uses", sql`${t.uses} >= 0 AND (${t.usageLimit} IS NULL OR ${t.usageLimit} >= 0)`),
    check("discount_codes_window", sql`${t.startsAt} IS NULL OR ${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
    isoCheck("discount_codes", "created_at"),
    isoCheck("discount_codes", "updated_at"),
    optionalIsoCheck("discount_codes", "starts_at"),
    optionalIsoCheck("discount_codes", "ends_at"),
  ],
);

/** One row per order that used a code: the record behind `discount_codes.uses`. */
export const discountRedemptions = sqliteTable(
  "discount_redemptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    discountCodeId: integer("discount_code_id")
      .notNull()
      .references(() => discountCodes.id, { onDelete: "cascade" }),
    orderId: integer("order_id")
      .notNull()
      .unique()
      .references((): AnySQLiteColumn => orders.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    amount: integer("amount").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("discount_redemptions_amount", sql`${t.amount} >= 0`),
    index("discount_redemptions_code_idx").on(t.discountCodeId, t.createdAt),
    isoCheck("discount_redemptions", "created_at"),
  ],
);

// ---------------------------------------------------------------- checkout and reservations

export const CHECKOUT_STATUSES = ["open", "completed", "expired", "failed", "replaced"] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

const minorUnits = z.number().int().nonnegative();

/** One cart line as the checkout froze it: the record of what was sold, whatever the catalog does later. */
export const checkoutLineSnapshot = z.object({
  variantId: z.number().int(),
  productId: z.number().int(),
  productName: z.string(),
  variantName: z.string(),
  sku: z.string(),
  unitPrice: minorUnits,
  quantity: z.number().int().positive(),
  weightGrams: z.number().int().nonnegative(),
});
export type CheckoutLineSnapshot = z.infer<typeof checkoutLineSnapshot>;

/** A shipping option as quoted to the shopper (lib/shipping prices it; the checkout stores it). */
export const quotedShippingOption = z.object({
  /** Our shipping_rates.id; null only in quotes made without one (imports, tests). */
  rateId: z.number().int().nullable(),
  /** The provider's id for this option in the payment session (Stripe's shr_…), once the session exists. */
  providerRateId: z.string().optional(),
  name: z.string(),
  amount: minorUnits,
  regularAmount: minorUnits,
  isFree: z.boolean(),
  freeOverSubtotal: minorUnits.nullable(),
  minDeliveryDays: z.number().int(),
  maxDeliveryDays: z.number().int(),
  isTracked: z.boolean(),
});
export type QuotedShippingOption = z.infer<typeof quotedShippingOption>;

/** What the shopper is shown before paying (minor units throughout). */
export const checkoutQuote = z.object({
  country: z.string(),
  countryName: z.string(),
  zoneName: z.string(),
  currency: z.string(),
  itemCount: z.number().int(),
  weightGrams: z.number().int(),
  /** Goods at current prices, before discount. */
  subtotal: minorUnits,
  discount: z
    .object({ discountCodeId: z.number().int(), code: z.string(), kind: z.enum(DISCOUNT_KINDS), value: z.number().int(), amount: minorUnits })
    .nullable(),
  /** Only this country's rates that fit the parcel, cheapest first; the first is preselected. */
  shippingOptions: z.array(quotedShippingOption),
  /** The preselected (first) option's price; the shopper may pick another when paying. */
  shipping: minorUnits,
  total: minorUnits,
});
export type CheckoutQuote = z.infer<typeof checkoutQuote>;

/** The quote as the checkout row stores it: what the shopper saw, plus when payment closes. */
export const storedCheckoutQuote = checkoutQuote.extend({ paymentExpiresAt: z.string() });
export type StoredCheckoutQuote = z.infer<typeof storedCheckoutQuote>;

export const checkouts = sqliteTable(
  "checkouts",
  {
    /** Random id; also the payment session's client_reference_id and idempotency key. */
    id: text("id").primaryKey(),
    /** Not a foreign key: the cart is deleted when the order is created, the checkout stays. */
    cartId: text("cart_id").notNull(),
    status: text("status", { enum: CHECKOUT_STATUSES }).notNull().default("open"),
    /**
     * A keyed hash of the shopper's client address, never the address itself: with the email and the
     * cart, what makes "the same customer" for a shop update's per-customer limit.
     */
    clientKey: text("client_key"),
    email: text("email"),
    /**
     * One parcel per customer: the same customer's unshipped order in the same shop update that this
     * checkout's goods ship with (its shipping is then free). The orders are linked through this column.
     */
    combinedWithOrderId: integer("combined_with_order_id").references((): AnySQLiteColumn => orders.id, { onDelete: "set null" }),
    country: text("country").notNull(),
    acceptsMarketing: bool("accepts_marketing").notNull().default(false),
    discountCodeId: integer("discount_code_id").references(() => discountCodes.id, { onDelete: "set null" }),
    lines: text("lines", { mode: "json" }).$type<CheckoutLineSnapshot[]>().notNull(),
    /** The quote shown to the shopper: shipping options, discount, totals (minor units). */
    quote: text("quote", { mode: "json" }).$type<StoredCheckoutQuote>().notNull(),
    currency: text("currency").notNull(),
    subtotal: integer("subtotal").notNull(),
    discountTotal: integer("discount_total").notNull().default(0),
    paymentProvider: text("payment_provider", { enum: ["stripe", "local"] }).notNull(),
    paymentSessionId: text("payment_session_id").unique(),
    paymentUrl: text("payment_url"),
    failureReason: text("failure_reason"),
    expiresAt: text("expires_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("checkouts_status", isOneOf(t.status, CHECKOUT_STATUSES)),
    check("checkouts_amounts", sql`${t.subtotal} >= 0 AND ${t.discountTotal} >= 0`),
    index("checkouts_cart_status_idx").on(t.cartId, t.status),
    index("checkouts_status_expires_idx").on(t.status, t.expiresAt),
    index("checkouts_discount_status_idx").on(t.discountCodeId, t.status),
    index("checkouts_email_idx").on(t.email),
    index("checkouts_client_key_idx").on(t.clientKey),
    index("checkouts_combined_with_idx").on(t.combinedWithOrderId),
    // Analytics: checkouts started and abandoned per period, answered from the index alone.
    index("checkouts_created_status_idx").on(t.createdAt, t.status, t.expiresAt),
    isoCheck("checkouts", "created_at"),
    isoCheck("checkouts", "updated_at"),
    isoCheck("checkouts", "expires_at"),
  ],
);

export const stockReservations = sqliteTable(
  "stock_reservations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    checkoutId: text("checkout_id")
      .notNull()
      .references(() => checkouts.id, { onDelete: "cascade" }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    expiresAt: text("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("stock_reservations_quantity", sql`${t.quantity} > 0`),
    uniqueIndex("stock_reservations_checkout_variant_unique").on(t.checkoutId, t.variantId),
    // Covering: availability and the batch's stock guard sum live holds per variant from the index alone.
    index("stock_reservations_variant_expires_idx").on(t.variantId, t.expiresAt, t.quantity, t.checkoutId),
    index("stock_reservations_expires_idx").on(t.expiresAt),
    isoCheck("stock_reservations", "created_at"),
    isoCheck("stock_reservations", "expires_at"),
  ],
);

// ---------------------------------------------------------------- orders

export const ORDER_STATUSES = ["pending", "processing", "shipped", "delivered", "on_hold", "cancelled", "refunded"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const PAYMENT_STATUSES = ["pending", "paid", "failed", "refunded", "partially_refunded"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export type PostalAddress = {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
};

export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Sequence behind the human number; unique, so two orders can never share one. */
    orderSeq: integer("order_seq").notNull().unique(),
    /** Human order number: settings prefix + sequence, e.g. HD-1001. */
    orderNumber: text("order_number").notNull().unique(),
    /** One order per checkout, enforced here as well as by the webhook's idempotency check. */
    checkoutId: text("checkout_id")
      .unique()
      .references(() => checkouts.id, { onDelete: "set null" }),
    email: text("email").notNull(),
    customerId: integer("customer_id").references(() => customers.id, { onDelete: "set null" }),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("pending"),
    paymentStatus: text("payment_status", { enum: PAYMENT_STATUSES }).notNull().default("pending"),
    currency: text("currency").notNull(),
    subtotal: integer("subtotal").notNull(),
    shippingTotal: integer("shipping_total").notNull().default(0),
    discountTotal: integer("discount_total").notNull().default(0),
    total: integer("total").notNull(),
    amountRefunded: integer("amount_refunded").notNull().default(0),
    /**
     * The highest cumulative refunded amount the charge itself reported (`charge.refunded`), for
     * refunds made where no refund event reached the shop; lib/orders/refunded-total.ts nets it
     * against the refunds table.
     */
    chargeRefundedAmount: integer("charge_refunded_amount").notNull().default(0),
    discountCode: text("discount_code"),
    shippingAddress: text("shipping_address", { mode: "json" }).$type<PostalAddress>(),
    billingAddress: text("billing_address", { mode: "json" }).$type<PostalAddress>(),
    shippingCountry: text("shipping_country"),
    shippingMethod: text("shipping_method"),
    shippingRateId: integer("shipping_rate_id").references(() => shippingRates.id, { onDelete: "set null" }),
    trackingNumber: text("tracking_number"),
    trackingCarrier: text("tracking_carrier"),
    trackingUrl: text("tracking_url"),
    paymentProvider: text("payment_provider"),
    paymentSessionId: text("payment_session_id"),
    paymentIntentId: text("payment_intent_id"),
    notes: text("notes"),
    /**
     * Why the order needs the owner's eye, set by the payment webhook: stock_shortfall,
     * payment_mismatch, discount_limit_exceeded, shipping_country_mismatch. The events hold the details.
     */
    flags: text("flags", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** Secret for the shopper's order page link; never shown in admin lists or exports. */
    lookupToken: text("lookup_token").notNull().unique(),
    paidAt: text("paid_at"),
    shippedAt: text("shipped_at"),
    deliveredAt: text("delivered_at"),
    cancelledAt: text("cancelled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("orders_status", isOneOf(t.status, ORDER_STATUSES)),
    check("orders_payment_status", isOneOf(t.paymentStatus, PAYMENT_STATUSES)),
    check(
      "orders_amounts",
      sql`${t.subtotal} >= 0 AND ${t.shippingTotal} >= 0 AND ${t.discountTotal} >= 0 AND ${t.total} >= 0 AND ${t.amountRefunded} >= 0 AND ${t.amountRefunded} <= ${t.total}`,
    ),
    check("orders_charge_refunded_amount", sql`${t.chargeRefundedAmount} >= 0`),
    check("orders_email_lower", sql`${t.email} = lower(${t.email})`),
    index("orders_created_idx").on(t.createdAt),
    // Analytics: every per-period sales figure is read from this index alone, never from the table.
    index("orders_analytics_idx").on(
      t.createdAt,
      t.currency,
      t.paymentStatus,
      t.total,
      t.amountRefunded,
      t.discountTotal,
      t.discountCode,
    ),
    index("orders_status_created_idx").on(t.status, t.createdAt),
    index("orders_customer_idx").on(t.customerId, t.createdAt),
    index("orders_email_idx").on(t.email),
    /** The admin list's "highest/lowest total" sort pages through this (keyset on total, id). */
    index("orders_total_idx").on(t.total),
    index("orders_payment_session_idx").on(t.paymentSessionId),
    index("orders_payment_intent_idx").on(t.paymentIntentId),
    isoCheck("orders", "created_at"),
    isoCheck("orders", "updated_at"),
    optionalIsoCheck("orders", "paid_at"),
    optionalIsoCheck("orders", "shipped_at"),
    optionalIsoCheck("orders", "delivered_at"),
    optionalIsoCheck("orders", "cancelled_at"),
  ],
);

export const orderItems = sqliteTable(
  "order_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** Kept for reporting while the variant exists; the snapshot below is the record of the sale. */
    variantId: integer("variant_id").references(() => productVariants.id, { onDelete: "set null" }),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    productName: text("product_name").notNull(),
    variantName: text("variant_name").notNull(),
    sku: text("sku").notNull(),
    unitPrice: integer("unit_price").notNull(),
    quantity: integer("quantity").notNull(),
    lineTotal: integer("line_total").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("order_items_quantity", sql`${t.quantity} > 0`),
    check("order_items_amounts", sql`${t.unitPrice} >= 0 AND ${t.lineTotal} = ${t.unitPrice} * ${t.quantity}`),
    index("order_items_order_idx").on(t.orderId),
    index("order_items_variant_idx").on(t.variantId),
    // Analytics: best sellers are summed from this index alone, order by order, never from the table.
    index("order_items_analytics_idx").on(t.orderId, t.productId, t.quantity, t.lineTotal, t.sku, t.productName),
    isoCheck("order_items", "created_at"),
  ],
);

export const orderEvents = sqliteTable(
  "order_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** created, paid, stock_updated, stock_shortfall, discount_limit_exceeded, status_changed, … */
    type: text("type").notNull(),
    message: text("message").notNull().default(""),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    /** Who caused it: `system`, `webhook`, `cron`, `admin:<id>`, `shopper`. */
    actor: text("actor").notNull().default("system"),
    createdAt: createdAt(),
  },
  (t) => [
    index("order_events_order_idx").on(t.orderId, t.createdAt),
    index("order_events_type_idx").on(t.type, t.createdAt),
    isoCheck("order_events", "created_at"),
  ],
);

// ---------------------------------------------------------------- refunds and disputes

/** Stripe's refund statuses; failed and canceled money never left, so it does not count as refunded. */
export const REFUND_STATUSES = ["pending", "requires_action", "succeeded", "failed", "canceled"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
/** Stripe's three reasons, plus `other` (sent to Stripe without a reason; the note says why). */
export const REFUND_REASONS = ["requested_by_customer", "duplicate", "fraudulent", "other"] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export type RefundLine = { orderItemId: number; quantity: number; restock: boolean };

/** One row per refund at the payment provider (re_…), whoever started it: the owner's button or Stripe's dashboard. */
export const refunds = sqliteTable(
  "refunds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    providerRefundId: text("provider_refund_id").notNull().unique(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: REFUND_STATUSES }).notNull(),
    reason: text("reason", { enum: REFUND_REASONS }),
    note: text("note"),
    /** What the refund covers, when the owner chose lines (empty: an amount). */
    lines: text("lines", { mode: "json" }).$type<RefundLine[]>().notNull().default([]),
    failureReason: text("failure_reason"),
    /** `admin:<id>` for the owner's refunds, `webhook` for those first heard of from the provider. */
    actor: text("actor").notNull().default("webhook"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("refunds_amount_positive", sql`${t.amount} > 0`),
    check("refunds_status", isOneOf(t.status, REFUND_STATUSES)),
    check("refunds_reason", sql`${t.reason} IS NULL OR ${isOneOf(t.reason, REFUND_REASONS)}`),
    index("refunds_order_idx").on(t.orderId),
    isoCheck("refunds", "created_at"),
    isoCheck("refunds", "updated_at"),
  ],
);

/** Stripe's dispute statuses; won, lost and warning_closed are final. */
export const DISPUTE_STATUSES = [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
  "prevented",
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** A chargeback on an order's payment (du_…): while it is open the order is held and cannot ship. */
export const disputes = sqliteTable(
  "disputes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    providerDisputeId: text("provider_dispute_id").notNull().unique(),
    chargeId: text("charge_id"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    reason: text("reason").notNull(),
    status: text("status", { enum: DISPUTE_STATUSES }).notNull(),
    evidenceDueBy: text("evidence_due_by"),
    closedAt: text("closed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("disputes_amount", sql`${t.amount} >= 0`),
    check("disputes_status", isOneOf(t.status, DISPUTE_STATUSES)),
    index("disputes_order_idx").on(t.orderId),
    isoCheck("disputes", "created_at"),
    isoCheck("disputes", "updated_at"),
    optionalIsoCheck("disputes", "evidence_due_by"),
    optionalIsoCheck("disputes", "closed_at"),
  ],
);

// ---------------------------------------------------------------- stock ledger

/** Why the owner adjusted stock by hand (the admin's bulk adjustment and CSV count). */
export const ADJUSTMENT_REASONS = ["received", "cycle_count", "correction", "damaged", "returned", "other"] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** Stock moves the shop makes itself: the first count, orders, cancellations, returns, imports, a shop update's release. */
const SYSTEM_STOCK_REASONS = ["initial", "order", "restock", "bulk", "return", "cancellation", "import", "update"] as const;

export const INVENTORY_REASONS = [...SYSTEM_STOCK_REASONS, ...ADJUSTMENT_REASONS] as const;
export type InventoryReason = (typeof INVENTORY_REASONS)[number];

/** Every stock change, written in the same transaction as the change: sum of deltas = stock. */
export const inventoryAdjustments = sqliteTable(
  "inventory_adjustments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    delta: integer("delta").notNull(),
    stockBefore: integer("stock_before").notNull(),
    stockAfter: integer("stock_after").notNull(),
    reason: text("reason", { enum: INVENTORY_REASONS }).notNull(),
    /** What caused it: an order number, a bulk batch id, an import file. */
    reference: text("reference"),
    actor: text("actor").notNull().default("system"),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    check("inventory_adjustments_arithmetic", sql`${t.stockAfter} = ${t.stockBefore} + ${t.delta} AND ${t.stockAfter} >= 0`),
    check("inventory_adjustments_reason", isOneOf(t.reason, INVENTORY_REASONS)),
    index("inventory_adjustments_variant_idx").on(t.variantId, t.createdAt),
    index("inventory_adjustments_created_idx").on(t.createdAt),
    isoCheck("inventory_adjustments", "created_at"),
  ],
);

// ---------------------------------------------------------------- webhooks, email, settings, audit

export const WEBHOOK_EVENT_STATUSES = ["processed", "ignored", "failed"] as const;

export const webhookEvents = sqliteTable(
  "webhook_events",
  {
    /** The provider's event id (evt_…): a duplicate delivery hits this primary key. */
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    status: text("status", { enum: WEBHOOK_EVENT_STATUSES }).notNull(),
    checkoutId: text("checkout_id"),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "set null" }),
    error: text("error"),
    receivedAt: text("received_at").notNull().default(sqlNow),
    processedAt: text("processed_at"),
  },
  (t) => [
    check("webhook_events_status", isOneOf(t.status, WEBHOOK_EVENT_STATUSES)),
    index("webhook_events_received_idx").on(t.receivedAt),
    isoCheck("webhook_events", "received_at"),
    optionalIsoCheck("webhook_events", "processed_at"),
  ],
);

export const EMAIL_STATUSES = ["pending", "sent", "failed"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "cascade" }),
    /** order_confirmation, shipping_confirmation, … */
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: EMAIL_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull().default(sqlNow),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    /**
     * Sent to the provider so a retried send is delivered once, and the outbox's only uniqueness:
     * `kind/orderId` for an order's one-off emails, `refund_issued/<refund id>` per refund,
     * `<kind>/<subject>` for the owner's alerts, `daily_digest/<shop day>`.
     */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    sentAt: text("sent_at"),
    /**
     * Set by the drain that claimed the row for sending; while it is set, `next_attempt_at` is the
     * end of that claim's lease, after which another drain may take the row over (lib/email/outbox-status.ts).
     */
    claimToken: text("claim_token"),
    claimedAt: text("claimed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("email_outbox_status", isOneOf(t.status, EMAIL_STATUSES)),
    check("email_outbox_attempts", sql`${t.attempts} >= 0`),
    index("email_outbox_order_idx").on(t.orderId),
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    isoCheck("email_outbox", "created_at"),
    isoCheck("email_outbox", "updated_at"),
    isoCheck("email_outbox", "next_attempt_at"),
    optionalIsoCheck("email_outbox", "sent_at"),
    optionalIsoCheck("email_outbox", "claimed_at"),
  ],
);

/** Store settings as typed JSON values per key (lib/settings owns the keys and their schemas). */
export const siteSettings = sqliteTable(
  "site_settings",
  {
    key: text("key").primaryKey(),
    value: text("value", { mode: "json" }).notNull(),
    updatedAt: updatedAt(),
  },
  () => [isoCheck("site_settings", "updated_at")],
);

/** Admin changes that are not order events or stock moves: settings, products, discounts, sign-ins. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.createdAt),
    index("audit_log_created_idx").on(t.createdAt),
    isoCheck("audit_log", "created_at"),
  ],
);

// ---------------------------------------------------------------- admin sessions

export const ADMIN_SESSION_REVOCATION_SCOPES = ["session", "all"] as const;
export type AdminSessionRevocationScope = (typeof ADMIN_SESSION_REVOCATION_SCOPES)[number];

/**
 * Owner session tokens are signed and carry their own expiry; this table is what makes them
 * revocable. A `session` row ends one token (its nonce): signing out. An `all` row ends every token
 * issued before it: signing out everywhere. Rows can go once `expires_at` has passed, because by
 * then every token they could refuse has expired on its own.
 */
export const adminSessionRevocations = sqliteTable(
  "admin_session_revocations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scope: text("scope", { enum: ADMIN_SESSION_REVOCATION_SCOPES }).notNull(),
    sessionNonce: text("session_nonce"),
    /** When the sessions were ended: an `all` row refuses tokens issued before this. */
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [
    check(
      "admin_session_revocations_scope",
      sql.raw(`scope IN (${ADMIN_SESSION_REVOCATION_SCOPES.map((scope) => `'${scope}'`).join(",")})`),
    ),
    check("admin_session_revocations_nonce", sql`(${t.scope} = 'session') = (${t.sessionNonce} IS NOT NULL)`),
    uniqueIndex("admin_session_revocations_nonce_idx").on(t.sessionNonce),
    index("admin_session_revocations_scope_idx").on(t.scope, t.createdAt),
    isoCheck("admin_session_revocations", "created_at"),
    isoCheck("admin_session_revocations", "expires_at"),
  ],
);

// ---------------------------------------------------------------- admin accounts

export const ADMIN_ROLES = ["owner", "staff"] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/**
 * The built-in login's people: the owner (first made from ADMIN_PASSWORD on an empty table) and the
 * staff they add. With Clerk, sign-in is Clerk's and roles come from ADMIN_USER_IDS / STAFF_USER_IDS:
 * this table stays empty.
 */
export const adminAccounts = sqliteTable(
  "admin_accounts",
  {
    /** Random id; sessions and the audit log name it (`admin:<id> (email)`). */
    id: text("id").primaryKey(),
    /** Stored lower-case, so "Ann@Shop" and "ann@shop" are one account. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ADMIN_ROLES }).notNull(),
    /**
     * The password's hash with its algorithm, parameters and per-account salt in one self-describing
     * string (`scrypt$N=…,r=…,p=…$<salt>$<hash>`), so parameters can be raised without a migration.
     * Null until the staff member sets one through their link.
     */
    passwordHash: text("password_hash"),
    /** A temporary password the owner handed over: it opens only the change-password page. */
    mustChangePassword: bool("must_change_password").notNull().default(false),
    disabledAt: text("disabled_at"),
    lastSignInAt: text("last_sign_in_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("admin_accounts_role", isOneOf(t.role, ADMIN_ROLES)),
    check("admin_accounts_email_lower", sql`${t.email} = lower(${t.email}) AND length(${t.email}) BETWEEN 3 AND 254`),
    check("admin_accounts_name", sql`length(trim(${t.name})) BETWEEN 1 AND 120`),
    isoCheck("admin_accounts", "created_at"),
    isoCheck("admin_accounts", "updated_at"),
    optionalIsoCheck("admin_accounts", "disabled_at"),
    optionalIsoCheck("admin_accounts", "last_sign_in_at"),
  ],
);

export const ADMIN_ACCOUNT_TOKEN_PURPOSES = ["set_password"] as const;

/**
 * One-time links (a new staff member's set-password link): only the token's SHA-256 is stored, so
 * a copy of the database opens nothing; `used_at` makes it single use.
 */
export const adminAccountTokens = sqliteTable(
  "admin_account_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: text("account_id")
      .notNull()
      .references(() => adminAccounts.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ADMIN_ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [
    check("admin_account_tokens_purpose", isOneOf(t.purpose, ADMIN_ACCOUNT_TOKEN_PURPOSES)),
    index("admin_account_tokens_account_idx").on(t.accountId),
    isoCheck("admin_account_tokens", "created_at"),
    isoCheck("admin_account_tokens", "expires_at"),
    optionalIsoCheck("admin_account_tokens", "used_at"),
  ],
);

// ---------------------------------------------------------------- shop updates

/**
 * A scheduled drop: its variants are listed from `preview_at`, buyable from `live_at` until
 * `close_at` (or closed by hand, or cancelled before it went live). The state is derived from these
 * times and the clock, never stored, so it flips on the minute without a cron.
 */
export const shopUpdates = sqliteTable(
  "shop_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    previewAt: text("preview_at"),
    liveAt: text("live_at").notNull(),
    closeAt: text("close_at"),
    /** Closed by hand after going live (an update that went live is never deleted). */
    closedAt: text("closed_at"),
    /** Cancelled before it went live. */
    cancelledAt: text("cancelled_at"),
    /** Units per customer across all the update's variants together; null = no limit. */
    limitPerCustomer: integer("limit_per_customer"),
    /** How long a checkout holds the update's stock for the shopper. */
    holdMinutes: integer("hold_minutes").notNull().default(10),
    /** The waiting room's admission rate (the next issue); null = no room. */
    admitPerMinute: integer("admit_per_minute"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("shop_updates_name", sql`length(trim(${t.name})) BETWEEN 1 AND 120`),
    check("shop_updates_order", sql`(${t.previewAt} IS NULL OR ${t.previewAt} <= ${t.liveAt}) AND (${t.closeAt} IS NULL OR ${t.closeAt} > ${t.liveAt})`),
    check("shop_updates_limit", sql`${t.limitPerCustomer} IS NULL OR ${t.limitPerCustomer} > 0`),
    check("shop_updates_hold", sql`${t.holdMinutes} BETWEEN 1 AND 60`),
    check("shop_updates_admit", sql`${t.admitPerMinute} IS NULL OR ${t.admitPerMinute} > 0`),
    check("shop_updates_ended_once", sql`${t.closedAt} IS NULL OR ${t.cancelledAt} IS NULL`),
    index("shop_updates_live_idx").on(t.liveAt),
    optionalIsoCheck("shop_updates", "preview_at"),
    isoCheck("shop_updates", "live_at"),
    optionalIsoCheck("shop_updates", "close_at"),
    optionalIsoCheck("shop_updates", "closed_at"),
    optionalIsoCheck("shop_updates", "cancelled_at"),
    isoCheck("shop_updates", "created_at"),
    isoCheck("shop_updates", "updated_at"),
  ],
);

/** A variant released in an update: how many units were released for it and its own limit. */
export const shopUpdateItems = sqliteTable(
  "shop_update_items",
  {
    updateId: integer("update_id")
      .notNull()
      .references(() => shopUpdates.id, { onDelete: "cascade" }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    /** Units released for the update (moved onto stock through the ledger, reason `update`); null = the stock as it is. */
    quantity: integer("quantity"),
    /** Units per customer of this variant; null = only the update's limit. */
    limitPerCustomer: integer("limit_per_customer"),
  },
  (t) => [
    primaryKey({ columns: [t.updateId, t.variantId] }),
    index("shop_update_items_variant_idx").on(t.variantId),
    check("shop_update_items_quantity", sql`${t.quantity} IS NULL OR ${t.quantity} >= 0`),
    check("shop_update_items_limit", sql`${t.limitPerCustomer} IS NULL OR ${t.limitPerCustomer} > 0`),
  ],
);

/** `not_admitted`: a colourway of an update with a waiting room, asked for without the room's pass (a script skipping the queue). */
export const SHOP_UPDATE_REFUSALS = ["not_live", "limit_reached", "sold_out", "not_admitted"] as const;
export type ShopUpdateRefusal = (typeof SHOP_UPDATE_REFUSALS)[number];

/**
 * Refusals per update, minute and reason, for the owner's live view: one upserted counter row per
 * minute rather than a row per request, so a storm of refusals stays a handful of rows.
 */
export const shopUpdateRefusals = sqliteTable(
  "shop_update_refusals",
  {
    updateId: integer("update_id")
      .notNull()
      .references(() => shopUpdates.id, { onDelete: "cascade" }),
    /** The minute, `YYYY-MM-DDTHH:MM` UTC. */
    minute: text("minute").notNull(),
    reason: text("reason", { enum: SHOP_UPDATE_REFUSALS }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.updateId, t.minute, t.reason] }),
    check("shop_update_refusals_reason", isOneOf(t.reason, SHOP_UPDATE_REFUSALS)),
    check("shop_update_refusals_count", sql`${t.count} >= 0`),
    check("shop_update_refusals_minute", sql`${t.minute} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]'`),
  ],
);

/**
 * The waiting room of a shop update with `admit_per_minute` set: one row per person (a keyed hash of
 * their email or client), written once on arrival and never per refresh. Those who arrived before
 * the live minute are admitted in the order of their random `draw` (a lottery: arriving at 18:59:59.9
 * gains nothing), later arrivals in arrival (`id`) order after them.
 */
export const waitingRoomEntries = sqliteTable(
  "waiting_room_entries",
  {
    /** Arrival order. */
    id: integer("id").primaryKey({ autoIncrement: true }),
    updateId: integer("update_id")
      .notNull()
      .references(() => shopUpdates.id, { onDelete: "cascade" }),
    entrantKey: text("entrant_key").notNull(),
    arrivedAt: text("arrived_at").notNull(),
    /** A uniformly random draw taken at arrival: the lottery order of the early arrivals. */
    draw: integer("draw").notNull(),
    /** The place in the queue (1 = first), fixed once it is known: at the live minute for early arrivals, on arrival after it. */
    position: integer("position"),
    /** When the signed admission was first issued (the owner's live view counts admissions). */
    admittedAt: text("admitted_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("waiting_room_entries_entrant_unique").on(t.updateId, t.entrantKey),
    uniqueIndex("waiting_room_entries_position_unique").on(t.updateId, t.position),
    index("waiting_room_entries_arrived_idx").on(t.updateId, t.arrivedAt),
    check("waiting_room_entries_position", sql`${t.position} IS NULL OR ${t.position} > 0`),
    check("waiting_room_entries_entrant_key", sql`length(${t.entrantKey}) BETWEEN 16 AND 128`),
    isoCheck("waiting_room_entries", "arrived_at"),
    optionalIsoCheck("waiting_room_entries", "admitted_at"),
    isoCheck("waiting_room_entries", "created_at"),
  ],
);

// ---------------------------------------------------------------- waitlist (notify me)

/**
 * "Email me when it's back": one sign-up per colourway and address, with its own explicit consent
 * (separate from marketing). A sign-up is notified once (`notified_at`), in sign-up (`id`) order,
 * and never more of them than the free units times the owner's factor.
 */
export const waitlistSignups = sqliteTable(
  "waitlist_signups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    /** Lower-case, trimmed. */
    email: text("email").notNull(),
    /** When the shopper gave consent to this one kind of email. */
    consentedAt: text("consented_at").notNull(),
    /** When its back_in_stock / update_live email was queued in the outbox. */
    notifiedAt: text("notified_at"),
    unsubscribedAt: text("unsubscribed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("waitlist_signups_variant_email_unique").on(t.variantId, t.email),
    // The next sign-ups to notify for a colourway, in sign-up order, from the index alone.
    index("waitlist_signups_waiting_idx").on(t.variantId, t.notifiedAt, t.unsubscribedAt, t.id),
    index("waitlist_signups_email_idx").on(t.email),
    check("waitlist_signups_email", sql`${t.email} = lower(trim(${t.email})) AND length(${t.email}) BETWEEN 3 AND 254`),
    isoCheck("waitlist_signups", "consented_at"),
    optionalIsoCheck("waitlist_signups", "notified_at"),
    optionalIsoCheck("waitlist_signups", "unsubscribed_at"),
    isoCheck("waitlist_signups", "created_at"),
  ],
);

// ---------------------------------------------------------------- storefront sessions (analytics)

/**
 * One row per storefront visitor per shop day (Europe/London), for the conversion rate. The id is a
 * random value from a first-party cookie: no address, no user agent, nothing that names a person.
 */
export const storefrontSessions = sqliteTable(
  "storefront_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: text("session_id").notNull(),
    /** The shop's calendar day, `YYYY-MM-DD`. */
    day: text("day").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("storefront_sessions_session_day_unique").on(t.sessionId, t.day),
    index("storefront_sessions_day_idx").on(t.day),
    check("storefront_sessions_day_format", sql`${t.day} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
    check("storefront_sessions_session_id", sql`length(${t.sessionId}) BETWEEN 16 AND 64`),
    isoCheck("storefront_sessions", "created_at"),
  ],
);
