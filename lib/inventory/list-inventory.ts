// The admin's inventory table: every variant with on hand, reserved, available and a low-stock flag,
// searched, filtered, sorted and paged in SQL.
import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import { productCollections, products, productVariants } from "@/lib/db/schema";
import { reservedStock } from "./availability";

export const INVENTORY_STOCK_FILTERS = ["all", "low", "out"] as const;
export const INVENTORY_SORTS = ["product", "sku", "on_hand", "reserved", "available"] as const;
export const INVENTORY_PAGE_SIZE = 50;
/** The most rows one read returns: a page, or the "all matching" selection (the bulk cap). */
export const INVENTORY_MAX_ROWS = 1000;

/** Query-string parameters of the table; anything unusable falls back to its default, never a 500. */
export const inventoryQuery = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  stock: z.enum(INVENTORY_STOCK_FILTERS).catch("all").default("all"),
  collection: z.coerce.number().int().positive().optional().catch(undefined),
  sort: z.enum(INVENTORY_SORTS).catch("product").default("product"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(INVENTORY_MAX_ROWS).catch(INVENTORY_PAGE_SIZE).default(INVENTORY_PAGE_SIZE),
});
export type InventoryQuery = z.infer<typeof inventoryQuery>;

export type InventoryRow = {
  variantId: number;
  productId: number;
  productName: string;
  productStatus: string;
  variantName: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  isLow: boolean;
  isOut: boolean;
};

export type InventoryPage = { rows: InventoryRow[]; total: number; page: number; pageSize: number; pageCount: number };

/** `%` and `_` in what the owner typed are literal characters, not wildcards. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Two statements whatever the page: the rows and the count. Reserved units come from the one
 * reservation subquery (lib/inventory/availability.ts), joined once over all variants.
 */
export async function listInventory(
  db: DbOrTx,
  query: Partial<InventoryQuery>,
  options: { lowStockThreshold: number; now?: string },
): Promise<InventoryPage> {
  const params = inventoryQuery.parse(query);
  const reserved = reservedStock(db, { now: options.now });
  const reservedUnits = sql<number>`coalesce(${reserved.quantity}, 0)`;
  const available = sql<number>`max(0, ${productVariants.stock} - coalesce(${reserved.quantity}, 0))`;
  const threshold = options.lowStockThreshold;

  const search = params.q
    ? or(
        sql`${products.name} LIKE ${containing(params.q)} ESCAPE '\\'`,
        sql`${productVariants.name} LIKE ${containing(params.q)} ESCAPE '\\'`,
        sql`${productVariants.sku} LIKE ${containing(params.q)} ESCAPE '\\'`,
      )
    : undefined;
  const stockFilter: SQL | undefined =
    params.stock === "low" ? sql`${available} <= ${threshold}` : params.stock === "out" ? sql`${available} = 0` : undefined;
  const collectionFilter =
    params.collection === undefined
      ? undefined
      : exists(
          db
            .select({ one: sql`1` })
            .from(productCollections)
            .where(and(eq(productCollections.productId, products.id), eq(productCollections.collectionId, params.collection))),
        );
  const where = and(search, stockFilter, collectionFilter);

  const direction = params.dir === "desc" ? desc : asc;
  const order: SQL[] = {
    product: [direction(products.name), direction(productVariants.position)],
    sku: [direction(productVariants.sku)],
    on_hand: [direction(productVariants.stock)],
    reserved: [direction(reservedUnits)],
    available: [direction(available)],
  }[params.sort];

  const base = () =>
    db
      .select({
        variantId: productVariants.id,
        productId: products.id,
        productName: products.name,
        productStatus: products.status,
        variantName: productVariants.name,
        sku: productVariants.sku,
        onHand: productVariants.stock,
        reserved: reservedUnits,
        available,
      })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .leftJoin(reserved, sql`${reserved.variantId} = ${productVariants.id}`)
      .where(where);

  let countQuery = db
    .select({ total: sql<number>`count(*)` })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .$dynamic();
  // The reservation join is only needed when the filter reads `available`.
  if (stockFilter) countQuery = countQuery.leftJoin(reserved, sql`${reserved.variantId} = ${productVariants.id}`);

  const [rows, [counted]] = await Promise.all([
    base()
      .orderBy(...order, asc(productVariants.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    countQuery.where(where),
  ]);
  const total = Number(counted?.total ?? 0);
  return {
    rows: rows.map((row) => {
      const availableUnits = Number(row.available);
      return {
        ...row,
        reserved: Number(row.reserved),
        available: availableUnits,
        isOut: availableUnits === 0,
        isLow: availableUnits <= threshold,
      };
    }),
    total,
    page: params.page,
    pageSize: params.pageSize,
    pageCount: Math.max(1, Math.ceil(total / params.pageSize)),
  };
}

export type VariantStock = { variantId: number; sku: string; productName: string; variantName: string; stock: number };

/** Variants by SKU (the CSV count import), in one statement; unknown SKUs are simply absent. */
export async function findVariantsBySku(db: DbOrTx, skus: readonly string[]): Promise<VariantStock[]> {
  if (skus.length === 0) return [];
  return db
    .select({
      variantId: productVariants.id,
      sku: productVariants.sku,
      productName: products.name,
      variantName: productVariants.name,
      stock: productVariants.stock,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.sku, [...new Set(skus)]));
}
