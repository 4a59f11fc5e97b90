// /admin/discounts/new – create a discount code.
import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { DiscountForm } from "../_components/discount-form";
import { BackLink } from "@/app/admin/_components/back-link";

export const metadata: Metadata = { title: "New discount" };

export default async function NewDiscountPage() {
  await requireAdmin();
  const settings = await getSettings(await db());
  return (
    <div className="space-y-6">
      <BackLink href="/admin/discounts">← Discounts</BackLink>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">New discount</h1>
      <DiscountForm currency={settings.currency} />
    </div>
  );
}
