// /admin/products/new – create a product with its variants and opening stock.
import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/admin";
import { listCollectionOptions } from "@/lib/catalog/collection-options";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { ProductForm } from "../_components/product-form";
import { BackLink } from "@/app/admin/_components/back-link";

export const metadata: Metadata = { title: "New product" };

export default async function NewProductPage() {
  await requireAdmin();
  const reader = await db();
  const [collections, settings] = await Promise.all([listCollectionOptions(reader), getSettings(reader)]);
  return (
    <div className="max-w-4xl space-y-6">
      <BackLink href="/admin/products">← Products</BackLink>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">New product</h1>
      <ProductForm collections={collections} currency={settings.currency} />
    </div>
  );
}
