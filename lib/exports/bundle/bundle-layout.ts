// What the JSON bundle holds: which tables go into which file, nested how, and how a row becomes a
// record (and a record a row). Built on the schema's own column list, so a new column is exported
// and imported without touching this file.
import { getTableColumns } from "drizzle-orm";
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import {
  addresses,
  collections,
  contentPages,
  customers,
  discountCodes,
  discountRedemptions,
  disputes,
  emailOutbox,
  inventoryAdjustments,
  orderEvents,
  orderItems,
  orders,
  productCollections,
  productImages,
  products,
  productVariants,
  refunds,
  shippingRates,
  shippingZoneCountries,
  shippingZones,
  siteSettings,
  uploads,
} from "@/lib/db/schema";
import { normaliseTimestamp } from "@/lib/time";

export type ChildSection = {
  key: string;
  table: SQLiteTable;
  /** The child's column (JS key) holding the parent's id; left out of the nested record. */
  parentKey: string;
};

export type Section = {
  key: string;
  table: SQLiteTable;
  /** Columns (JS keys) deliberately not in the bundle; the reason sits beside each list below. */
  omit?: string[];
  children?: ChildSection[];
};

export type BundleFile = {
  file: string;
  /** Shown at the top of the file: the currency every amount in it is counted in (minor units). */
  hasCurrency?: boolean;
  sections: Section[];
};

/**
 * The files of an export, in the order an import loads them (parents before the rows that refer to
 * them). Not in the bundle: carts, checkouts and stock reservations (minutes-long shopping state),
 * webhook receipts and the audit log (operational records; `npm run db:backup` keeps everything).
 * Photos are listed (the uploads rows: address, size, kind), not carried: their bytes stay where the
 * storage driver keeps them (DATA_DIR/uploads, or the Vercel Blob store).
 */
export const BUNDLE_FILES: BundleFile[] = [
  // The pages travel with the settings: an export made before they existed still has every file.
  {
    file: "settings.json",
    sections: [
      { key: "settings", table: siteSettings },
      { key: "pages", table: contentPages },
    ],
  },
  {
    file: "products.json",
    hasCurrency: true,
    sections: [
      // First: a product image or collection names a photo by its address, and the list says which are stored here.
      { key: "uploads", table: uploads },
      { key: "collections", table: collections },
      {
        key: "products",
        table: products,
        children: [
          { key: "collections", table: productCollections, parentKey: "productId" },
          { key: "variants", table: productVariants, parentKey: "productId" },
          { key: "images", table: productImages, parentKey: "productId" },
        ],
      },
    ],
  },
  {
    file: "shipping.json",
    hasCurrency: true,
    sections: [
      {
        key: "zones",
        table: shippingZones,
        children: [
          { key: "countries", table: shippingZoneCountries, parentKey: "zoneId" },
          { key: "rates", table: shippingRates, parentKey: "zoneId" },
        ],
      },
    ],
  },
  {
    file: "customers.json",
    sections: [{ key: "customers", table: customers, children: [{ key: "addresses", table: addresses, parentKey: "customerId" }] }],
  },
  {
    file: "orders.json",
    sections: [
      {
        key: "orders",
        table: orders,
        // The checkout is a minutes-long payment session that the bundle does not carry; the payment
        // session and intent ids that matter for refunds are kept. lookupToken is kept on purpose:
        // shoppers' order links in past emails must keep working after an import.
        omit: ["checkoutId"],
        children: [
          { key: "items", table: orderItems, parentKey: "orderId" },
          { key: "events", table: orderEvents, parentKey: "orderId" },
          { key: "refunds", table: refunds, parentKey: "orderId" },
          { key: "disputes", table: disputes, parentKey: "orderId" },
        ],
      },
    ],
  },
  {
    file: "discounts.json",
    hasCurrency: true,
    sections: [{ key: "discountCodes", table: discountCodes, children: [{ key: "redemptions", table: discountRedemptions, parentKey: "discountCodeId" }] }],
  },
  { file: "inventory.json", sections: [{ key: "adjustments", table: inventoryAdjustments }] },
  // Metadata only: the rendered bodies are bulky and are rebuilt from the order if ever needed.
  { file: "emails.json", sections: [{ key: "emails", table: emailOutbox, omit: ["html", "text"] }] },
];

export const MANIFEST_FILE = "manifest.json";
export const BUNDLE_FORMAT = "hedgerow-export/1";

export function tableName(table: SQLiteTable): string {
  return getTableConfig(table).name;
}

/** The columns a record carries, in schema order: [JS key, column]. */
export function recordColumns(table: SQLiteTable, leaveOut: string[] = []): [string, SQLiteColumn][] {
  return Object.entries(getTableColumns(table)).filter(([key]) => !leaveOut.includes(key)) as [string, SQLiteColumn][];
}

/** Primary key columns (SQL names): the stable order records are written in. */
export function primaryKeyColumns(table: SQLiteTable): string[] {
  const config = getTableConfig(table);
  const single = config.columns.filter((column) => column.primary).map((column) => column.name);
  if (single.length > 0) return single;
  return config.primaryKeys[0]?.columns.map((column) => column.name) ?? ["rowid"];
}

const isTimestamp = (column: SQLiteColumn) => column.name.endsWith("_at") && column.dataType === "string";

function columnSchema(column: SQLiteColumn): z.ZodType {
  let schema: z.ZodType;
  if (isTimestamp(column)) {
    // Imports accept older timestamp formats and store the one canonical format.
    schema = z.string().transform((value, context) => {
      const normalised = normaliseTimestamp(value);
      if (normalised === null) {
        context.addIssue({ code: "custom", message: `not a timestamp: "${value}"` });
        return z.NEVER;
      }
      return normalised;
    });
  } else if (column.dataType === "boolean") {
    schema = z.boolean();
  } else if (column.dataType === "number") {
    schema = z.number().int();
  } else if (column.dataType === "json") {
    schema = column.notNull ? z.json().refine((value) => value !== null, "must not be null") : z.json();
  } else if (column.enumValues && column.enumValues.length > 0) {
    schema = z.enum(column.enumValues as [string, ...string[]]);
  } else {
    schema = z.string();
  }
  if (!column.notNull) schema = schema.nullable();
  // A column the database fills in may be left out of a hand-made record.
  if (column.hasDefault || !column.notNull) schema = schema.optional();
  return schema;
}

function objectSchema(columns: [string, SQLiteColumn][], extra: Record<string, z.ZodType> = {}) {
  return z.strictObject({ ...Object.fromEntries(columns.map(([key, column]) => [key, columnSchema(column)])), ...extra });
}

/** The zod schema of one record of a section, children included: the import's only reader. */
export function sectionSchema(section: Section) {
  const children = Object.fromEntries(
    (section.children ?? []).map((child) => [child.key, z.array(objectSchema(recordColumns(child.table, [child.parentKey]))).default([])]),
  );
  return objectSchema(recordColumns(section.table, section.omit), children);
}
