// /admin/products/[id] – edit a product: details, images, collections, variants.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/admin";
import { listCollectionOptions } from "@/lib/catalog/collection-options";
import { getProductForEdit } from "@/lib/catalog/list-admin-products";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { firstValues, type PageSearchParams } from "../../_components/search-params";
import { ProductForm } from "../_components/product-form";
import { BackLink } from "@/app/admin/_components/back-link";
import { WaitlistCounts } from "@/app/admin/_components/waitlist-counts";
import { waitingCounts } from "@/lib/waitlist/waiting-counts";

export const metadata: Metadata = { title: "Edit product" };

export default async function EditProductPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<PageSearchParams> }) {
  await requireAdmin();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const { created, saved } = firstValues(await searchParams);
  const reader = await db();
  const [product, collections, settings] = await Promise.all([getProductForEdit(reader, id), listCollectionOptions(reader), getSettings(reader)]);
  if (!product) notFound();
  const waiting = await waitingCounts(reader, product.variants.map((variant) => variant.id));
  return (
    <div className="max-w-4xl space-y-6">
      <BackLink href="/admin/products">← Products</BackLink>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="font-serif text-2xl font-semibold text-brand-900">{product.name}</h1>
        {product.status === "active" ? (
          <Link href={`/products/${product.slug}`} className="text-sm text-brand-700 underline underline-offset-2">
            View in the shop
          </Link>
        ) : null}
      </div>
      {created || saved ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          {created ? "Product created." : "Product saved."}
        </p>
      ) : null}
      <WaitlistCounts colourways={product.variants.map((variant) => ({ id: variant.id, name: variant.name, waiting: waiting.get(variant.id) ?? 0 }))} />
      {/* Remounted after each save, so new variants come back with their ids and stock. */}
      <ProductForm key={product.updatedAt} product={product} collections={collections} currency={settings.currency} />
    </div>
  );
}
