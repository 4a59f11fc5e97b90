// /admin/inventory/[variantId] – one variant's stock history from the ledger: orders, cancellations, adjustments, who and why.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { STORE_TIME_ZONE } from "@/lib/time";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { REASON_LABELS } from "@/lib/inventory/reason-labels";
import { getStockHistory } from "@/lib/inventory/stock-history";
import { formatDateTime } from "../../_components/format";
import { firstValues, type PageSearchParams } from "../../_components/search-params";
import { BackLink } from "@/app/admin/_components/back-link";

export const metadata: Metadata = { title: "Stock history" };

function actorLabel(actor: string): string {
  if (actor === "admin:owner") return "Store owner";
  const account = /^admin:\S+ \((.+)\)$/.exec(actor);
  if (account) return account[1]!;
  if (actor.startsWith("admin:")) return `Admin ${actor.slice("admin:".length)}`;
  if (actor === "webhook") return "Payment";
  return actor.charAt(0).toUpperCase() + actor.slice(1);
}

export default async function StockHistoryPage({ params, searchParams }: { params: Promise<{ variantId: string }>; searchParams: Promise<PageSearchParams> }) {
  await requireAdmin({ role: "staff" });
  const { variantId } = await params;
  const id = Number(variantId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const page = Math.max(1, Math.min(100_000, Number.parseInt(firstValues(await searchParams).page ?? "1", 10) || 1));
  const history = await getStockHistory(await db(), id, { page });
  if (!history) notFound();
  const { variant, entries } = history;

  return (
    <div className="space-y-6">
      <BackLink href="/admin/inventory">← Inventory</BackLink>
      <div>
        <h1 className="font-serif text-2xl font-semibold text-brand-900">
          {variant.productName} · {variant.variantName}
        </h1>
        <p className="mt-1 text-sm text-stone-600">SKU {variant.sku}</p>
      </div>
      <dl className="grid grid-cols-3 gap-3">
        {[
          ["On hand", variant.stock],
          ["Reserved", variant.reserved],
          ["Available", variant.available],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-stone-200 bg-white p-3">
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="history-heading" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="history-heading" className="border-b border-stone-200 px-4 py-3 font-semibold">
          Stock history
        </h2>
        {entries.length === 0 ? (
          <p className="px-4 py-6 text-sm text-stone-600">No stock moves recorded yet.</p>
        ) : (
          <ol className="divide-y divide-stone-100">
            {entries.map((entry) => (
              <li key={entry.id} data-testid="history-row" className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 px-4 py-3 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">
                    {REASON_LABELS[entry.reason] ?? entry.reason}
                    {entry.reference && !entry.reference.startsWith("bulk:") ? <span className="font-normal text-stone-700"> · {entry.reference}</span> : null}
                  </p>
                  <p className="text-stone-600">
                    {formatDateTime(entry.createdAt, STORE_TIME_ZONE)} · {actorLabel(entry.actor)}
                  </p>
                  {entry.note ? <p className="mt-1 break-words text-stone-800">“{entry.note}”</p> : null}
                </div>
                <div className="text-right tabular-nums">
                  <p className={`font-semibold ${entry.delta < 0 ? "text-red-700" : "text-green-800"}`}>
                    {entry.delta > 0 ? `+${entry.delta}` : entry.delta}
                  </p>
                  <p className="text-stone-600">
                    {entry.stockBefore} → {entry.stockAfter}
                  </p>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <nav aria-label="History pages" className="flex justify-between text-sm">
        {page > 1 ? (
          <Link href={`/admin/inventory/${variant.variantId}?page=${page - 1}`} className="text-brand-700 underline underline-offset-2">
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        {history.hasOlder ? (
          <Link href={`/admin/inventory/${variant.variantId}?page=${page + 1}`} className="text-brand-700 underline underline-offset-2">
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
