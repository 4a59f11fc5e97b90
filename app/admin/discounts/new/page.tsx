// /admin/discounts/new – create a discount code.
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { DiscountForm } from "../_components/discount-form";

export const metadata: Metadata = { title: "New discount" };

export default async function NewDiscountPage() {
  await requireAdmin();
  const settings = await getSettings(await db());
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/discounts" className="text-brand-700 underline underline-offset-2">
          ← Discounts
        </Link>
      </p>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">New discount</h1>
      <DiscountForm currency={settings.currency} />
    </div>
  );
}
