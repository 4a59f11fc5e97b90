// /admin/discounts/[id] – edit a discount code.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { getDiscount } from "@/lib/discounts/list-discounts";
import { getSettings } from "@/lib/settings";
import { DiscountForm } from "../_components/discount-form";
import { BackLink } from "@/app/admin/_components/back-link";

export const metadata: Metadata = { title: "Edit discount" };

export default async function EditDiscountPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const reader = await db();
  const [discount, settings] = await Promise.all([getDiscount(reader, id), getSettings(reader)]);
  if (!discount) notFound();
  return (
    <div className="space-y-6">
      <BackLink href="/admin/discounts">← Discounts</BackLink>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">Edit {discount.code}</h1>
      <DiscountForm currency={settings.currency} initial={discount} />
    </div>
  );
}
