// /admin/orders/[id] – an order's summary and history, until the orders release brings fulfilment and refunds.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { getOrderDetail } from "@/lib/orders/get-order-detail";
import { STORE_TIME_ZONE } from "@/lib/time";
import { formatDateTime, PAYMENT_STATUS_LABELS } from "../../_components/format";
import { OrderStatusBadge } from "../../_components/order-status-badge";

export const metadata: Metadata = { title: "Order" };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const { id: idText } = await params;
  const id = Number(idText);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();

  const detail = await getOrderDetail(await db(), id);
  if (!detail) notFound();
  const { order, items, events } = detail;
  const money = (minor: number) => formatMoney(minor, order.currency);
  const when = (iso: string) => formatDateTime(iso, STORE_TIME_ZONE);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin" className="text-brand-700 underline underline-offset-2">
          Dashboard
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Order {order.orderNumber}</h1>
        <OrderStatusBadge status={order.status} />
      </div>
      <dl className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-stone-500">Placed</dt>
          <dd>{when(order.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">Customer</dt>
          <dd className="break-all">{order.email}</dd>
        </div>
        <div>
          <dt className="text-stone-500">Payment</dt>
          <dd>{PAYMENT_STATUS_LABELS[order.paymentStatus]}</dd>
        </div>
        <div>
          <dt className="text-stone-500">Total</dt>
          <dd className="tabular-nums">{money(order.total)}</dd>
        </div>
      </dl>

      <section aria-labelledby="items-heading" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="items-heading" className="border-b border-stone-200 px-4 py-3 font-semibold">
          Items
        </h2>
        <ul className="divide-y divide-stone-100">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
              <span>
                {item.quantity} × {item.productName} <span className="text-stone-500">{item.variantName}</span>
              </span>
              <span className="tabular-nums">{money(item.lineTotal)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="history-heading" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="history-heading" className="border-b border-stone-200 px-4 py-3 font-semibold">
          History
        </h2>
        {events.length === 0 ? (
          <p className="px-4 py-6 text-sm text-stone-600">No events recorded.</p>
        ) : (
          <ol className="divide-y divide-stone-100">
            {events.map((event) => (
              <li key={event.id} className="px-4 py-3 text-sm">
                <span className="font-medium">{event.type.replaceAll("_", " ")}</span>
                {event.message ? <span className="text-stone-700"> – {event.message}</span> : null}
                <div className="text-stone-500">
                  {when(event.createdAt)} · {event.actor}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p className="text-sm text-stone-600">Fulfilment, refunds and notes are coming in a later release.</p>
    </div>
  );
}
