// /admin/customers – customers with their orders, spending and marketing consent; search, CSV export.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { STORE_TIME_ZONE } from "@/lib/time";
import { requireAdmin } from "@/lib/auth/admin";
import { customerListQuery, listCustomers } from "@/lib/customers/list-customers";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { getSettings } from "@/lib/settings";
import { formatDateTime } from "../_components/format";
import { inputClass } from "../_components/form-field";
import { listUrl } from "../orders/_components/list-url";

export const metadata: Metadata = { title: "Customers" };

const buttonClass =
  "rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-700 focus-visible:ring-offset-2";

export default async function AdminCustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  await connection();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""));
  const parsed = customerListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : customerListQuery.parse({});
  const read = await db();
  const [list, settings] = await Promise.all([listCustomers(read, query), getSettings(read)]);
  const current = { q: query.q, consent: query.consent };
  const when = (iso: string | null) => (iso ? formatDateTime(iso, STORE_TIME_ZONE) : "–");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-serif text-2xl font-semibold text-brand-900">Customers</h1>
          <p className="mt-1 text-sm text-stone-600">
            {list.total} customer{list.total === 1 ? "" : "s"}
            {query.consent ? " who agreed to marketing" : ""}.
          </p>
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          {/* File downloads from a route handler, not page navigations: <Link> would prefetch an export. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/api/admin/customers/export" className="text-brand-700 underline underline-offset-2">
            Download all (CSV)
          </a>
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/api/admin/customers/export?consent=1" className="text-brand-700 underline underline-offset-2">
            Download marketing list (CSV)
          </a>
        </div>
      </div>

      {!parsed.success ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          Some filters in the address were not understood, so all customers are shown.
        </p>
      ) : null}

      <form method="get" action="/admin/customers" role="search" aria-label="Customers" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4">
        <div className="min-w-0 flex-1 basis-60">
          <label htmlFor="customers-q" className="block text-sm font-medium text-stone-800">
            Name or email
          </label>
          <input id="customers-q" name="q" type="search" defaultValue={query.q ?? ""} className={inputClass} />
        </div>
        <div className="flex items-center gap-2 pb-2">
          <input id="customers-consent" name="consent" value="1" type="checkbox" defaultChecked={Boolean(query.consent)} className="size-4" />
          <label htmlFor="customers-consent" className="text-sm">
            Agreed to marketing
          </label>
        </div>
        <button type="submit" className={buttonClass}>
          Search
        </button>
      </form>

      <section aria-labelledby="customers-results" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="customers-results" className="sr-only">
          Results
        </h2>
        {list.rows.length === 0 ? (
          <p className="px-4 py-10 text-center text-sm text-stone-600">{query.q || query.consent ? "No customers match." : "No customers yet."}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {list.rows.map((customer) => (
              <li key={customer.id} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 px-4 py-3 text-sm">
                <div className="min-w-0">
                  <Link href={`/admin/customers/${customer.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {customer.name || customer.email}
                  </Link>
                  <span className="block truncate text-stone-700">{customer.email}</span>
                  <span className="block text-stone-600">
                    {customer.orderCount > 0 ? `First order ${when(customer.firstOrderAt)} · last ${when(customer.lastOrderAt)}` : "No paid orders"}
                  </span>
                </div>
                <div className="text-right">
                  <div className="tabular-nums">{formatMoney(customer.totalSpent, settings.currency)}</div>
                  <div className="text-stone-600">
                    {customer.orderCount} order{customer.orderCount === 1 ? "" : "s"}
                  </div>
                  <div className="text-stone-700">{customer.acceptsMarketing ? "Marketing: yes" : "Marketing: no"}</div>
                </div>
              </li>
            ))}
          </ul>
        )}
        {list.pageCount > 1 ? (
          <nav aria-label="Pages" className="flex items-center justify-between gap-4 border-t border-stone-200 px-4 py-3 text-sm">
            {list.page > 1 ? (
              <Link href={listUrl("/admin/customers", current, { page: String(list.page - 1) })} className="text-brand-700 underline underline-offset-2">
                ← Previous page
              </Link>
            ) : (
              <span />
            )}
            <span className="text-stone-600">
              Page {list.page} of {list.pageCount}
            </span>
            {list.page < list.pageCount ? (
              <Link href={listUrl("/admin/customers", current, { page: String(list.page + 1) })} className="text-brand-700 underline underline-offset-2">
                Next page →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
