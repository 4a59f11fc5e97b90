// /admin/products – every product (drafts and archived too) with its variants, prices and stock.
import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/app/_components/pagination";
import { requireAdmin } from "@/lib/auth/admin";
import { adminProductsQuery, listAdminProducts } from "@/lib/catalog/list-admin-products";
import { db } from "@/lib/db";
import type { ProductStatus } from "@/lib/db/schema";
import { formatMoney } from "@/lib/money";
import { getSettings } from "@/lib/settings";
import { firstValues, type PageSearchParams } from "../_components/search-params";

export const metadata: Metadata = { title: "Products" };

const STATUS_STYLES: Record<ProductStatus, string> = {
  active: "bg-green-100 text-green-900",
  draft: "bg-sky-100 text-sky-900",
  archived: "bg-stone-200 text-stone-800",
};

const fieldClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm";

export default async function AdminProductsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  await requireAdmin();
  const reader = await db();
  const [listing, settings] = await Promise.all([listAdminProducts(reader, adminProductsQuery.parse(firstValues(await searchParams))), getSettings(reader)]);
  const { query } = listing;
  const money = (minor: number) => formatMoney(minor, settings.currency);
  const hrefFor = (page: number) => {
    const params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    if (query.status !== "all") params.set("status", query.status);
    if (page > 1) params.set("page", String(page));
    return `/admin/products?${params.toString()}`;
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-serif text-2xl font-semibold text-brand-900">Products</h1>
          <p className="mt-1 text-sm text-stone-600">Drafts are hidden from shoppers; archived products leave the shop but stay on past orders.</p>
        </div>
        <Link href="/admin/products/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          New product
        </Link>
      </div>
      <form method="get" role="search" aria-label="Filter products" className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] sm:items-end">
        <div>
          <label htmlFor="products-q" className="block text-sm font-medium text-stone-800">
            Search
          </label>
          <input id="products-q" name="q" type="search" defaultValue={query.q} placeholder="Name, slug or SKU" className={fieldClass} />
        </div>
        <div>
          <label htmlFor="products-status" className="block text-sm font-medium text-stone-800">
            Status
          </label>
          <select id="products-status" name="status" defaultValue={query.status} className={fieldClass}>
            <option value="all">All</option>
            <option value="active">Active</option>
            <option value="draft">Draft</option>
            <option value="archived">Archived</option>
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          Apply
        </button>
      </form>
      {listing.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
          {query.q || query.status !== "all" ? "No products match." : "No products yet."}
        </p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
          {listing.rows.map((product) => (
            <li key={product.id} data-testid="product-row" className="grid gap-1 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <Link href={`/admin/products/${product.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {product.name}
                  </Link>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ${STATUS_STYLES[product.status]}`}>{product.status}</span>
                </p>
                <p className="break-all text-sm text-stone-600">/products/{product.slug}</p>
              </div>
              <p className="text-sm text-stone-700 sm:text-right">
                {product.variantCount} {product.variantCount === 1 ? "variant" : "variants"}
                {product.minPrice !== null ? ` · ${money(product.minPrice)}${product.maxPrice !== product.minPrice ? `–${money(product.maxPrice!)}` : ""}` : ""}
                <span className="block">{product.totalStock} in stock</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={query.page} pageCount={listing.pageCount} hrefFor={hrefFor} />
    </div>
  );
}
