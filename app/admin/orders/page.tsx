// /admin/orders – find orders by number, email or name; filter by status, payment, flag and dates; export CSV.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { STORE_TIME_ZONE } from "@/lib/time";
import { requireAdmin } from "@/lib/auth/admin";
import { canCallAdminApi } from "@/lib/auth/staff-permissions";
import { db } from "@/lib/db";
import { ORDER_STATUSES, PAYMENT_STATUSES } from "@/lib/db/schema";
import { formatMoney } from "@/lib/money";
import { ORDER_FLAG_NAMES } from "@/lib/orders/hold-reasons";
import { listOrders, orderListQuery, type OrderListQuery } from "@/lib/orders/list-orders";
import { formatDateTime, holdReasonLabel, ORDER_STATUS_LABELS, PAYMENT_STATUS_LABELS } from "../_components/format";
import { OrderStatusBadge } from "../_components/order-status-badge";
import { inputClass } from "../_components/form-field";
import { listUrl, londonToday } from "./_components/list-url";

export const metadata: Metadata = { title: "Orders" };

const SORT_LABELS: Record<OrderListQuery["sort"], string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  total_desc: "Highest total",
  total_asc: "Lowest total",
};

const labelClass = "block text-sm font-medium text-stone-800";
const buttonClass =
  "rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-700 focus-visible:ring-offset-2";

type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of each parameter; empty ones ("Any", a blank date) mean "no filter" and are dropped. */
function firstValues(params: SearchParams): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => {
      const first = Array.isArray(value) ? value[0] : value;
      return first ? [[key, first]] : [];
    }),
  );
}

/** What was wrong with a hand-edited address, naming the date field when it was a date. */
function filterProblem(issue: { path: PropertyKey[]; message: string } | undefined): string {
  const field = issue?.path[0] === "from" ? "From date" : issue?.path[0] === "to" ? "To date" : null;
  return field ? `${field}: ${issue!.message}.` : "Some filters in the address were not understood.";
}

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdmin({ role: "staff" });
  await connection();
  const raw = firstValues(await searchParams);
  const parsed = orderListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : orderListQuery.parse({});
  let list: Awaited<ReturnType<typeof listOrders>> | null = null;
  let loadError: string | null = parsed.success ? null : `${filterProblem(parsed.error.issues[0])} All orders are shown instead.`;
  try {
    list = await listOrders(await db(), query);
  } catch {
    loadError = "That page of orders could not be loaded. Start again from the first page.";
    list = await listOrders(await db(), orderListQuery.parse({}));
  }
  const filters = { q: query.q, status: query.status, payment: query.payment, flag: query.flag, from: query.from, to: query.to, sort: query.sort === "newest" ? undefined : query.sort };
  const allCount = Object.values(list.statusCounts).reduce((sum, count) => sum + count, 0);
  const today = londonToday();
  const monthStart = `${today.slice(0, 8)}01`;
  const hasFilters = Boolean(query.q || query.status || query.payment || query.flag || query.from || query.to);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Orders</h1>
        <p className="mt-1 text-sm text-stone-600">Times are shop time ({STORE_TIME_ZONE}).</p>
      </div>

      <form method="get" action="/admin/orders" role="search" aria-label="Orders" className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        {query.status ? <input type="hidden" name="status" value={query.status} /> : null}
        <div className="sm:col-span-2">
          <label htmlFor="orders-q" className={labelClass}>
            Order number, email or name
          </label>
          <input id="orders-q" name="q" type="search" defaultValue={query.q ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="orders-payment" className={labelClass}>
            Payment
          </label>
          <select id="orders-payment" name="payment" defaultValue={query.payment ?? ""} className={inputClass}>
            <option value="">Any</option>
            {PAYMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {PAYMENT_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="orders-flag" className={labelClass}>
            Flag
          </label>
          <select id="orders-flag" name="flag" defaultValue={query.flag ?? ""} className={inputClass}>
            <option value="">Any</option>
            {ORDER_FLAG_NAMES.map((flag) => (
              <option key={flag} value={flag}>
                {holdReasonLabel(flag)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="orders-from" className={labelClass}>
            From
          </label>
          <input id="orders-from" name="from" type="date" defaultValue={query.from ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="orders-to" className={labelClass}>
            To
          </label>
          <input id="orders-to" name="to" type="date" defaultValue={query.to ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="orders-sort" className={labelClass}>
            Sort
          </label>
          <select id="orders-sort" name="sort" defaultValue={query.sort} className={inputClass}>
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-3">
          <button type="submit" className={buttonClass}>
            Search
          </button>
          {hasFilters ? (
            <Link href="/admin/orders" className="py-2 text-sm text-brand-700 underline underline-offset-2">
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      <nav aria-label="Order status" className="-mx-1 flex flex-wrap gap-1">
        {[undefined, ...ORDER_STATUSES].map((status) => {
          const isCurrent = query.status === status;
          const count = status ? list.statusCounts[status] : allCount;
          return (
            <Link
              key={status ?? "all"}
              href={listUrl("/admin/orders", filters, { status, after: undefined, before: undefined })}
              aria-current={isCurrent ? "page" : undefined}
              className={`rounded-full px-3 py-1 text-sm ${isCurrent ? "bg-brand-700 text-white" : "bg-white text-stone-800 ring-1 ring-stone-300 hover:bg-stone-50"}`}
            >
              {status ? ORDER_STATUS_LABELS[status] : "All"} <span className="tabular-nums">({count})</span>
            </Link>
          );
        })}
      </nav>

      {loadError ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {loadError}
        </p>
      ) : null}

      <section aria-labelledby="orders-results" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="orders-results" className="sr-only">
          Results
        </h2>
        {list.rows.length === 0 ? (
          <p className="px-4 py-10 text-center text-sm text-stone-600">{hasFilters ? "No orders match these filters." : "No orders yet."}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {list.rows.map((order) => (
              <li key={order.id} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1 px-4 py-3 text-sm">
                <div className="min-w-0">
                  <Link href={`/admin/orders/${order.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {order.orderNumber}
                  </Link>
                  <span className="ml-2 text-stone-600">{formatDateTime(order.createdAt, STORE_TIME_ZONE)}</span>
                  <span className="block truncate">
                    {order.customerName ? `${order.customerName} · ` : ""}
                    <span className="text-stone-700">{order.email}</span>
                  </span>
                </div>
                <div className="text-right">
                  <div className="tabular-nums">{formatMoney(order.total, order.currency)}</div>
                  <div className="text-stone-600">
                    {order.itemCount} item{order.itemCount === 1 ? "" : "s"}
                  </div>
                </div>
                <div className="col-span-2 flex flex-wrap items-center gap-2">
                  <OrderStatusBadge status={order.status} />
                  <span className="text-stone-700">{PAYMENT_STATUS_LABELS[order.paymentStatus]}</span>
                  {order.isCombined ? (
                    <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs text-brand-900" title="Ships in one parcel with a linked order">
                      Combined
                    </span>
                  ) : null}
                  {order.flags.map((flag) => (
                    <span key={flag} className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                      {holdReasonLabel(flag)}
                    </span>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        )}
        {list.previousCursor || list.nextCursor ? (
          <nav aria-label="Pages" className="flex justify-between gap-4 border-t border-stone-200 px-4 py-3 text-sm">
            {list.previousCursor ? (
              <Link href={listUrl("/admin/orders", filters, { before: list.previousCursor })} className="text-brand-700 underline underline-offset-2">
                ← Previous page
              </Link>
            ) : (
              <span />
            )}
            {list.nextCursor ? (
              <Link href={listUrl("/admin/orders", filters, { after: list.nextCursor })} className="text-brand-700 underline underline-offset-2">
                Next page →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      {canCallAdminApi(admin.role, "/api/admin/orders/export", "GET") ? (
        <section aria-labelledby="export-heading" className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="export-heading" className="font-semibold">
            Download a spreadsheet (CSV)
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            Shop calendar days, both included, with the search and filters above. Opens in Excel, Numbers or Google Sheets.
          </p>
          <form method="get" action="/api/admin/orders/export" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {(["q", "status", "payment", "flag"] as const).map((key) => (query[key] ? <input key={key} type="hidden" name={key} value={query[key]} /> : null))}
            <div>
              <label htmlFor="export-from" className={labelClass}>
                From
              </label>
              <input id="export-from" name="from" type="date" required defaultValue={query.from ?? monthStart} className={inputClass} />
            </div>
            <div>
              <label htmlFor="export-to" className={labelClass}>
                To
              </label>
              <input id="export-to" name="to" type="date" required defaultValue={query.to ?? today} className={inputClass} />
            </div>
            <div className="flex items-center gap-2 sm:pt-6">
              <input id="export-lines" name="lines" value="1" type="checkbox" className="size-4" />
              <label htmlFor="export-lines" className="text-sm">
                One row per item
              </label>
            </div>
            <div className="flex items-end">
              <button type="submit" className={buttonClass}>
                Download CSV
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </div>
  );
}
