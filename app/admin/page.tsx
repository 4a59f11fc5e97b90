// /admin – the dashboard: today's and this week's sales, and what needs the owner's attention.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { getDashboard } from "@/lib/analytics/dashboard";
import { requireAdmin } from "@/lib/auth/admin";
import { canOpenAdminPage } from "@/lib/auth/staff-permissions";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { formatDateTime, holdReasonLabel } from "./_components/format";
import { OrderStatusBadge } from "./_components/order-status-badge";

export const metadata: Metadata = { title: "Dashboard" };

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-4">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function Panel({
  id,
  title,
  count,
  link,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  link?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-stone-200 bg-white">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-stone-200 px-4 py-3">
        <h2 id={id} className="font-semibold">
          {title}
          {count ? <span className="ml-2 rounded-full bg-stone-100 px-2 py-0.5 text-xs font-medium">{count}</span> : null}
        </h2>
        {link ? (
          <Link href={link.href} className="text-sm text-brand-700 underline underline-offset-2">
            {link.label}
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="px-4 py-6 text-sm text-stone-600">{children}</p>;
}

// Two columns that never wrap into each other: what it is on the left, the figure on the right.
const rowClass = "grid grid-cols-[minmax(0,1fr)_auto] items-start gap-x-4 px-4 py-3";
const orderLinkClass = "whitespace-nowrap font-medium text-brand-700 underline underline-offset-2";

export default async function AdminDashboardPage() {
  const admin = await requireAdmin({ role: "staff" });
  // Takings are the owner's figures, like the analytics they summarise; staff see the work to do.
  const canSeeRevenue = canOpenAdminPage(admin.role, "/admin/analytics");
  await connection();
  const dashboard = await getDashboard(await db());
  const { currency, timeZone } = dashboard;
  const money = (minor: number, code = currency) => formatMoney(minor, code);
  const when = (iso: string) => formatDateTime(iso, timeZone);

  return (
    <div className="space-y-8">
      <div>
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Dashboard</h1>
        <p className="mt-1 text-sm text-stone-600">Paid orders, shop time ({timeZone}); weeks start on Monday.</p>
      </div>

      <section aria-labelledby="sales-heading">
        <h2 id="sales-heading" className="sr-only">
          Sales
        </h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Stat label="Orders today" value={String(dashboard.today.orders)} />
          {canSeeRevenue ? <Stat label="Revenue today" value={money(dashboard.today.revenue)} /> : null}
          <Stat label="Orders this week" value={String(dashboard.week.orders)} />
          {canSeeRevenue ? <Stat label="Revenue this week" value={money(dashboard.week.revenue)} /> : null}
        </dl>
      </section>

      <div className="grid gap-6 xl:grid-cols-2">
        <Panel id="attention-heading" title="Orders needing attention" count={dashboard.attention.total}>
          {dashboard.attention.orders.length === 0 ? (
            <Empty>Nothing is on hold.</Empty>
          ) : (
            <ul className="divide-y divide-stone-100">
              {dashboard.attention.orders.map((order) => (
                <li key={order.id} className={rowClass}>
                  <div className="min-w-0">
                    <Link href={`/admin/orders/${order.id}`} className={orderLinkClass}>
                      {order.orderNumber}
                    </Link>
                    <span className="block truncate text-sm text-stone-600">{order.email}</span>
                  </div>
                  <div className="whitespace-nowrap text-right text-sm">
                    <div className="tabular-nums">{money(order.total, order.currency)}</div>
                    <div className="text-stone-500">{when(order.reason?.at ?? order.createdAt)}</div>
                  </div>
                  <p className="col-span-2 mt-1 text-sm">
                    {order.reason ? (
                      <>
                        <strong className="font-medium">{holdReasonLabel(order.reason.type)}</strong>
                        {order.reason.message ? `: ${order.reason.message}` : null}
                      </>
                    ) : (
                      <span className="text-stone-600">No reason recorded.</span>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel
          id="low-stock-heading"
          title={`Low stock (${dashboard.lowStock.threshold} or fewer available)`}
          count={dashboard.lowStock.total}
          link={{ href: "/admin/inventory", label: "Inventory" }}
        >
          {dashboard.lowStock.variants.length === 0 ? (
            <Empty>Every variant on sale has more than {dashboard.lowStock.threshold} available.</Empty>
          ) : (
            <ul className="divide-y divide-stone-100">
              {dashboard.lowStock.variants.map((variant) => (
                <li key={variant.variantId} className={rowClass}>
                  <div className="min-w-0">
                    <span className="block font-medium">{variant.productName}</span>
                    <span className="text-sm text-stone-600">{variant.variantName}</span>
                    <p className="text-xs text-stone-500">SKU {variant.sku}</p>
                  </div>
                  <div className="text-right text-sm">
                    <div className={`whitespace-nowrap font-semibold tabular-nums ${variant.available === 0 ? "text-red-700" : ""}`}>
                      {variant.available === 0 ? "Sold out" : `${variant.available} available`}
                    </div>
                    {variant.reserved > 0 ? (
                      <div className="text-stone-500">
                        {variant.stock} in stock, {variant.reserved} in checkouts
                      </div>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel
          id="failed-emails-heading"
          title="Failed emails"
          count={dashboard.failedEmails.total}
          link={{ href: "/admin/emails?status=failed", label: "Failed emails" }}
        >
          {dashboard.failedEmails.emails.length === 0 ? (
            <Empty>No email has failed.</Empty>
          ) : (
            <ul className="divide-y divide-stone-100">
              {dashboard.failedEmails.emails.map((email) => (
                <li key={email.id} className={rowClass}>
                  <div className="min-w-0">
                    <span className="font-medium">{email.subject}</span>
                    <p className="text-sm text-stone-600">
                      To {email.toAddress}
                      {email.orderNumber ? ` · order ${email.orderNumber}` : null}
                    </p>
                  </div>
                  <div className="whitespace-nowrap text-right text-sm text-stone-500">
                    <div>
                      {email.attempts} {email.attempts === 1 ? "attempt" : "attempts"}
                    </div>
                    <div>{when(email.updatedAt)}</div>
                  </div>
                  {email.lastError ? <p className="col-span-2 mt-1 break-words text-sm text-red-700">{email.lastError}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel id="recent-orders-heading" title="Recent orders" link={{ href: "/admin/orders", label: "All orders" }}>
          {dashboard.recentOrders.length === 0 ? (
            <Empty>No orders yet. They appear here as soon as a shopper pays.</Empty>
          ) : (
            <ul className="divide-y divide-stone-100">
              {dashboard.recentOrders.map((order) => (
                <li key={order.id} className={rowClass}>
                  <div className="min-w-0">
                    <Link href={`/admin/orders/${order.id}`} className={orderLinkClass}>
                      {order.orderNumber}
                    </Link>
                    <span className="block truncate text-sm text-stone-600">{order.email}</span>
                    <p className="text-sm text-stone-500">{when(order.createdAt)}</p>
                  </div>
                  <div className="flex flex-col items-end gap-1 text-sm">
                    <span className="tabular-nums">{money(order.total, order.currency)}</span>
                    <OrderStatusBadge status={order.status} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}
