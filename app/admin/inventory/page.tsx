// /admin/inventory – every variant's stock (on hand, reserved, available), filters, bulk adjustment and CSV counts.
import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/app/_components/pagination";
import { requireAdmin } from "@/lib/auth/admin";
import { canOpenAdminPage } from "@/lib/auth/staff-permissions";
import { listCollectionOptions } from "@/lib/catalog/collection-options";
import { db } from "@/lib/db";
import { ADJUSTMENT_REASONS } from "@/lib/db/schema";
import { MAX_BULK_ITEMS } from "@/lib/inventory/bulk-adjust-stock";
import { INVENTORY_SORTS, inventoryQuery, listInventory, type InventoryQuery } from "@/lib/inventory/list-inventory";
import { REASON_LABELS } from "@/lib/inventory/reason-labels";
import { getSettings } from "@/lib/settings";
import { firstValues, type PageSearchParams } from "../_components/search-params";
import { InventoryTable } from "./_components/inventory-table";
import { StockCountImport } from "./_components/stock-count-import";

export const metadata: Metadata = { title: "Inventory" };

const SORT_LABELS: Record<(typeof INVENTORY_SORTS)[number], string> = {
  product: "Product",
  sku: "SKU",
  on_hand: "On hand",
  reserved: "Reserved",
  available: "Available",
};

const fieldClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm";

/** The query string of a table state, leaving out defaults so links stay short. */
function queryString(query: InventoryQuery, overrides: Partial<InventoryQuery> = {}): string {
  const merged = { ...query, ...overrides };
  const params = new URLSearchParams();
  if (merged.q) params.set("q", merged.q);
  if (merged.stock !== "all") params.set("stock", merged.stock);
  if (merged.collection !== undefined) params.set("collection", String(merged.collection));
  if (merged.sort !== "product") params.set("sort", merged.sort);
  if (merged.dir !== "asc") params.set("dir", merged.dir);
  if (merged.page > 1) params.set("page", String(merged.page));
  return params.toString();
}

export default async function AdminInventoryPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const admin = await requireAdmin({ role: "staff" });
  const query = inventoryQuery.parse(firstValues(await searchParams));
  const reader = await db();
  const settings = await getSettings(reader);
  const [inventory, collections] = await Promise.all([
    listInventory(reader, query, { lowStockThreshold: settings.lowStockThreshold }),
    listCollectionOptions(reader),
  ]);
  const reasons = ADJUSTMENT_REASONS.map((value) => ({ value, label: REASON_LABELS[value] }));
  const filterQuery = queryString({ ...query, page: 1 });
  const isFiltered = Boolean(query.q || query.stock !== "all" || query.collection !== undefined);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Inventory</h1>
        <p className="mt-1 text-sm text-stone-600">
          Available is on hand minus what open checkouts hold. Low stock: {settings.lowStockThreshold} or fewer available
          {canOpenAdminPage(admin.role, "/admin/settings") ? (
            <>
              {" ("}
              <Link href="/admin/settings" className="text-brand-700 underline underline-offset-2">
                change
              </Link>
              )
            </>
          ) : null}
          .
        </p>
      </div>

      <form method="get" className="grid grid-cols-2 gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6" role="search" aria-label="Filter the inventory">
        <div className="col-span-2 sm:col-span-3 lg:col-span-2">
          <label htmlFor="inventory-q" className="block text-sm font-medium text-stone-800">
            Search
          </label>
          <input id="inventory-q" name="q" type="search" defaultValue={query.q} placeholder="Product, variant or SKU" className={fieldClass} />
        </div>
        <div>
          <label htmlFor="inventory-stock" className="block text-sm font-medium text-stone-800">
            Stock
          </label>
          <select id="inventory-stock" name="stock" defaultValue={query.stock} className={fieldClass}>
            <option value="all">All</option>
            <option value="low">Low stock</option>
            <option value="out">Out of stock</option>
          </select>
        </div>
        <div>
          <label htmlFor="inventory-collection" className="block text-sm font-medium text-stone-800">
            Collection
          </label>
          <select id="inventory-collection" name="collection" defaultValue={query.collection ?? ""} className={fieldClass}>
            <option value="">All</option>
            {collections.map((collection) => (
              <option key={collection.id} value={collection.id}>
                {collection.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="inventory-sort" className="block text-sm font-medium text-stone-800">
            Sort by
          </label>
          <select id="inventory-sort" name="sort" defaultValue={query.sort} className={fieldClass}>
            {INVENTORY_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="inventory-dir" className="block text-sm font-medium text-stone-800">
            Order
          </label>
          <select id="inventory-dir" name="dir" defaultValue={query.dir} className={fieldClass}>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </div>
        <div className="col-span-2 flex flex-wrap items-center gap-3 sm:col-span-3 lg:col-span-6">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
            Apply
          </button>
          {isFiltered ? (
            <Link href="/admin/inventory" className="text-sm text-brand-700 underline underline-offset-2">
              Clear filters
            </Link>
          ) : null}
          <p className="ml-auto text-sm text-stone-600">
            {inventory.total.toLocaleString("en-GB")} {inventory.total === 1 ? "variant" : "variants"}
          </p>
        </div>
      </form>

      {inventory.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
          {isFiltered ? "No variants match these filters." : "There are no variants yet: add a product first."}
        </p>
      ) : (
        <InventoryTable
          key={`${filterQuery}|${query.page}`}
          rows={inventory.rows}
          total={inventory.total}
          filterQuery={filterQuery}
          maxItems={MAX_BULK_ITEMS}
          reasons={reasons}
        />
      )}
      <Pagination page={inventory.page} pageCount={inventory.pageCount} hrefFor={(page) => `/admin/inventory?${queryString(query, { page })}`} />

      <StockCountImport reasons={reasons} maxLines={MAX_BULK_ITEMS} />
    </div>
  );
}
