// /admin/updates/[id] – one shop update: its times, colourways and units, with edit, cancel, close and the live view.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { getUpdate } from "@/lib/updates/list-updates";
import { nowIso } from "@/lib/time";
import { waitingCounts } from "@/lib/waitlist/waiting-counts";
import { BackLink } from "@/app/admin/_components/back-link";
import { ConfirmActionButton } from "@/app/admin/_components/confirm-action-button";
import { firstValues, type PageSearchParams } from "@/app/admin/_components/search-params";
import { shopWhen, updateTimeline } from "../_components/update-format";
import { UpdateStateBadge } from "../_components/update-state-badge";

export const metadata: Metadata = { title: "Shop update" };

const linkClass = "text-sm font-medium text-brand-700 underline underline-offset-2";

export default async function UpdatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<PageSearchParams> }) {
  await requireAdmin();
  await connection();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const nowText = nowIso();
  const reader = await db();
  const update = await getUpdate(reader, id, nowText);
  if (!update) notFound();
  const waiting = await waitingCounts(reader, update.items.map((item) => item.variantId));
  const { saved } = firstValues(await searchParams);
  const now = Date.parse(nowText);
  const hasGoneLive = update.state === "live" || update.state === "closed";
  const productPages = [...new Map(update.items.map((item) => [item.productSlug, item.productName])).entries()];

  return (
    <div className="space-y-6">
      <BackLink href="/admin/updates">← Shop updates</BackLink>
      <div className="space-y-1">
        <h1 className="flex flex-wrap items-center gap-3 font-serif text-2xl font-semibold text-brand-900">
          {update.name} <UpdateStateBadge state={update.state} />
        </h1>
        <p className="text-stone-700">{updateTimeline(update, now)}</p>
      </div>
      {saved ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          Saved.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        {update.state === "closed" || update.state === "cancelled" ? null : (
          <Link href={`/admin/updates/${id}/edit`} className={linkClass}>
            Edit
          </Link>
        )}
        {hasGoneLive ? (
          <Link href={`/admin/updates/${id}/live`} className={linkClass}>
            Live view
          </Link>
        ) : null}
        {update.state === "scheduled" || update.state === "preview" ? (
          <ConfirmActionButton
            label="Cancel update"
            accessibleLabel={`Cancel ${update.name}`}
            title={`Cancel ${update.name}?`}
            message="It will not go live. Its colourways become ordinary stock straight away, released units included."
            confirmLabel="Cancel update"
            url={`/api/admin/updates/${id}/cancel`}
          />
        ) : null}
        {update.state === "live" ? (
          <ConfirmActionButton
            label="Close now"
            accessibleLabel={`Close ${update.name} now`}
            title={`Close ${update.name} now?`}
            message="What is left of its colourways sells as ordinary stock from now on, without the update's limits. Shoppers' held skeins stay held."
            confirmLabel="Close update"
            url={`/api/admin/updates/${id}/close`}
          />
        ) : null}
        {hasGoneLive ? null : (
          <ConfirmActionButton
            label="Delete"
            accessibleLabel={`Delete ${update.name}`}
            title={`Delete ${update.name}?`}
            message="The update and its list of colourways are removed. Stock stays as it is now."
            confirmLabel="Delete"
            method="DELETE"
            url={`/api/admin/updates/${id}`}
            redirectTo="/admin/updates"
          />
        )}
      </div>

      <dl className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-stone-600">Preview from</dt>
          <dd className="font-medium">{update.previewAt ? shopWhen(update.previewAt) : "No preview"}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Goes live</dt>
          <dd className="font-medium">{shopWhen(update.liveAt)}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Closes</dt>
          <dd className="font-medium">{update.closeAt ? shopWhen(update.closeAt) : "When you close it"}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Limit per customer</dt>
          <dd className="font-medium">{update.limitPerCustomer ?? "No limit"}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Holds last</dt>
          <dd className="font-medium">{update.holdMinutes} minutes</dd>
        </div>
        <div>
          <dt className="text-stone-600">Sold · held now</dt>
          <dd className="font-medium">
            {update.totals.sold} · {update.totals.held}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="update-items" className="space-y-2">
        <h2 id="update-items" className="font-serif text-xl font-semibold text-brand-900">
          Colourways
        </h2>
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2">Colourway</th>
                <th scope="col" className="px-3 py-2 text-right">Released</th>
                <th scope="col" className="px-3 py-2 text-right">In stock</th>
                <th scope="col" className="px-3 py-2 text-right">Sold</th>
                <th scope="col" className="px-3 py-2 text-right">Held</th>
                <th scope="col" className="px-3 py-2 text-right">Limit each</th>
                <th scope="col" className="px-3 py-2 text-right">Notify me</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {update.items.map((item) => (
                <tr key={item.variantId}>
                  <th scope="row" className="px-3 py-2 font-medium">
                    {item.productName} – {item.variantName}
                  </th>
                  <td className="px-3 py-2 text-right">{item.quantity ?? "As stocked"}</td>
                  <td className="px-3 py-2 text-right">{item.stock}</td>
                  <td className="px-3 py-2 text-right">{item.sold}</td>
                  <td className="px-3 py-2 text-right">{item.held}</td>
                  <td className="px-3 py-2 text-right">{item.limitPerCustomer ?? "—"}</td>
                  <td className="px-3 py-2 text-right">{waiting.get(item.variantId) ?? 0} waiting</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="update-preview" className="space-y-2">
        <h2 id="update-preview" className="font-serif text-xl font-semibold text-brand-900">
          Preview as a shopper
        </h2>
        <p className="text-sm text-stone-600">The product pages as shoppers see them (opens in a new tab).</p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {productPages.map(([slug, productName]) => (
            <li key={slug}>
              <a href={`/products/${slug}`} target="_blank" rel="noreferrer" className={linkClass}>
                {productName}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
