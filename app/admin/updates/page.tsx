// /admin/updates – every shop update with its state, when it goes live and how its colourways are selling.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { listUpdates } from "@/lib/updates/list-updates";
import { nowIso } from "@/lib/time";
import { updateTimeline } from "./_components/update-format";
import { UpdateStateBadge } from "./_components/update-state-badge";

export const metadata: Metadata = { title: "Shop updates" };

export default async function AdminUpdatesPage() {
  await requireAdmin();
  await connection();
  const nowText = nowIso();
  const updates = await listUpdates(await db(), nowText);
  const now = Date.parse(nowText);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-serif text-2xl font-semibold text-brand-900">Shop updates</h1>
          <p className="mt-1 text-sm text-stone-600">Colourways released at a set minute, UK time, with limits per customer and held skeins.</p>
        </div>
        <Link href="/admin/updates/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          Schedule an update
        </Link>
      </div>
      {updates.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">No shop updates yet.</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
          {updates.map((update) => (
            <li key={update.id} data-testid="update-row" className="grid gap-2 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <Link href={`/admin/updates/${update.id}`} className="font-semibold text-brand-900 underline underline-offset-2">
                    {update.name}
                  </Link>
                  <UpdateStateBadge state={update.state} />
                </p>
                <p className="text-sm text-stone-700">{updateTimeline(update, now)}</p>
                <p className="text-sm text-stone-600">
                  {update.items.length} {update.items.length === 1 ? "colourway" : "colourways"} · {update.totals.sold} sold
                  {update.totals.held > 0 ? ` · ${update.totals.held} held now` : ""}
                  {update.limitPerCustomer ? ` · ${update.limitPerCustomer} per customer` : ""}
                </p>
              </div>
              {update.state === "live" ? (
                <Link href={`/admin/updates/${update.id}/live`} className="text-sm font-medium text-brand-700 underline underline-offset-2">
                  Live view<span className="sr-only"> of {update.name}</span>
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
