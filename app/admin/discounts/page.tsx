// /admin/discounts – every discount code with its uses against its limit, its window and whether it applies now.
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/admin";
import { STORE_TIME_ZONE } from "@/lib/time";
import { db } from "@/lib/db";
import { listDiscounts, type DiscountState, type DiscountSummary } from "@/lib/discounts/list-discounts";
import { formatMoney } from "@/lib/money";
import { getSettings } from "@/lib/settings";
import { ConfirmActionButton } from "../_components/confirm-action-button";
import { formatDateTime } from "../_components/format";
import { firstValues, type PageSearchParams } from "../_components/search-params";

export const metadata: Metadata = { title: "Discounts" };

const STATE_STYLES: Record<DiscountState, { label: string; className: string }> = {
  active: { label: "Active", className: "bg-green-100 text-green-900" },
  scheduled: { label: "Scheduled", className: "bg-sky-100 text-sky-900" },
  expired: { label: "Ended", className: "bg-stone-200 text-stone-800" },
  used_up: { label: "Used up", className: "bg-amber-100 text-amber-900" },
  inactive: { label: "Deactivated", className: "bg-stone-200 text-stone-800" },
};

function windowText(discount: DiscountSummary): string {
  const when = (iso: string) => formatDateTime(iso, STORE_TIME_ZONE);
  if (discount.startsAt && discount.endsAt) return `${when(discount.startsAt)} – ${when(discount.endsAt)}`;
  if (discount.startsAt) return `From ${when(discount.startsAt)}`;
  if (discount.endsAt) return `Until ${when(discount.endsAt)}`;
  return "Always";
}

export default async function AdminDiscountsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  await requireAdmin();
  const { saved } = firstValues(await searchParams);
  const reader = await db();
  const [discounts, settings] = await Promise.all([listDiscounts(reader), getSettings(reader)]);
  const money = (minor: number) => formatMoney(minor, settings.currency);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-serif text-2xl font-semibold text-brand-900">Discounts</h1>
          <p className="mt-1 text-sm text-stone-600">Codes shoppers enter at checkout. Uses count paid orders.</p>
        </div>
        <Link href="/admin/discounts/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          New discount
        </Link>
      </div>
      {saved ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          Saved {saved}.
        </p>
      ) : null}
      {discounts.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">No discount codes yet.</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
          {discounts.map((discount) => {
            const state = STATE_STYLES[discount.state];
            return (
              <li key={discount.id} data-testid="discount-row" className="grid gap-2 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="break-all font-mono font-semibold">{discount.code}</span>
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${state.className}`}>{state.label}</span>
                  </p>
                  <p className="text-sm text-stone-700">
                    {discount.kind === "percent" ? `${discount.value}% off` : `${money(discount.value)} off`}
                    {discount.minimumSubtotal > 0 ? ` orders of ${money(discount.minimumSubtotal)} or more` : ""} · {windowText(discount)}
                  </p>
                  <p className="text-sm text-stone-600">
                    Used {discount.uses} {discount.usageLimit === null ? "times (no limit)" : `of ${discount.usageLimit}`}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-4">
                  <Link href={`/admin/discounts/${discount.id}`} aria-label={`Edit ${discount.code}`} className="text-sm font-medium text-brand-700 underline underline-offset-2">
                    Edit
                  </Link>
                  {discount.isActive ? (
                    <ConfirmActionButton
                      label="Deactivate"
                      accessibleLabel={`Deactivate ${discount.code}`}
                      title={`Deactivate ${discount.code}?`}
                      message="Shoppers can no longer use it at checkout. Orders that used it keep their discount. You can turn it back on by editing it."
                      confirmLabel="Deactivate"
                      url={`/api/admin/discounts/${discount.id}/deactivate`}
                    />
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
