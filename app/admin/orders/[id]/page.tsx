// /admin/orders/[id] – an order: items, totals, addresses, payment, customer, flags, its history, and the owner's actions.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { STORE_TIME_ZONE } from "@/lib/time";
import { requireAdmin } from "@/lib/auth/admin";
import { roleAllows } from "@/lib/auth/roles";
import { canOpenAdminPage, ORDER_STATUS_CHANGE_ROLES } from "@/lib/auth/staff-permissions";
import { db } from "@/lib/db";
import type { PostalAddress } from "@/lib/db/schema";
import { CARRIERS } from "@/lib/email/tracking-url";
import { AppError } from "@/lib/app-error";
import { formatMoney } from "@/lib/money";
import { getAdminOrderDetail } from "@/lib/orders/admin-order-detail";
import { parcelMates } from "@/lib/orders/parcel-items";
import { formatDateTime, holdReasonLabel, PAYMENT_STATUS_LABELS, REFUND_REASON_LABELS, REFUND_STATUS_LABELS } from "../../_components/format";
import { OrderStatusBadge } from "../../_components/order-status-badge";
import { actorLabel, eventLabel } from "../_components/event-label";
import { OrderActions } from "../_components/order-actions";
import { BackLink } from "@/app/admin/_components/back-link";
import { addressLines } from "@/lib/shipping/address-lines";
import { DisputePanel } from "./dispute-panel";

export const metadata: Metadata = { title: "Order" };

const LINK_NOTES = {
  ships_with: "this order joined its parcel at checkout",
  joined_by: "it joined this order's parcel at checkout",
  alongside: "both joined the same parcel",
} as const;

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-stone-200 bg-white">
      <h2 id={id} className="border-b border-stone-200 px-4 py-3 font-semibold">
        {title}
      </h2>
      <div className="px-4 py-3 text-sm">{children}</div>
    </section>
  );
}

function Address({ address }: { address: PostalAddress | null }) {
  if (!address) return <p className="text-stone-600">None recorded.</p>;
  return (
    <address className="not-italic">
      {addressLines(address)
        .map((line, index) => (
          <span key={index} className="block break-words">
            {line}
          </span>
        ))}
    </address>
  );
}

async function loadOrder(idText: string) {
  const id = Number(idText);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    return await getAdminOrderDetail(await db(), id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin({ role: "staff" });
  await connection();
  const { order, items, events, customer, refunds, actions, linkedOrders } = await loadOrder((await params).id);
  const shipsTogether = order.status === "processing" ? parcelMates(order, linkedOrders) : [];
  const differentAddress = linkedOrders.filter((other) => other.shippingAddress && order.shippingAddress && addressLines(other.shippingAddress).join("|") !== addressLines(order.shippingAddress).join("|"));
  // Staff see only the actions their role may take; the handlers refuse the rest regardless.
  const isOwner = roleAllows(admin.role, "owner");
  const manualStatuses = actions.manualStatuses.filter((status) => roleAllows(admin.role, ORDER_STATUS_CHANGE_ROLES[status]));
  const money = (minor: number) => formatMoney(minor, order.currency);
  const when = (iso: string) => formatDateTime(iso, STORE_TIME_ZONE);

  return (
    <div className="space-y-6">
      <BackLink href="/admin/orders">All orders</BackLink>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Order {order.orderNumber}</h1>
        <OrderStatusBadge status={order.status} />
        <Link href={`/admin/orders/${order.id}/packing-slip`} className="text-sm text-brand-700 underline underline-offset-2">
          Packing slip
        </Link>
      </div>
      {order.flags.length > 0 ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          Needs attention: {order.flags.map(holdReasonLabel).join(", ")}.
        </p>
      ) : null}

      {linkedOrders.length > 0 ? (
        <section aria-labelledby="parcel-heading" className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900" data-testid="linked-orders">
          <h2 id="parcel-heading" className="font-medium">
            One parcel
          </h2>
          <ul className="mt-1 space-y-1">
            {linkedOrders.map((other) => (
              <li key={other.id}>
                Ships with{" "}
                <Link href={`/admin/orders/${other.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                  {other.orderNumber}
                </Link>
                <span className="text-stone-700">
                  {" "}
                  ({LINK_NOTES[other.link]}; {other.status.replaceAll("_", " ")})
                </span>
              </li>
            ))}
          </ul>
          {differentAddress.length > 0 ? (
            <p className="mt-1 text-amber-950">
              {differentAddress.map((other) => other.orderNumber).join(", ")} has another shipping address: the shopper was told the goods ship to the first order&apos;s address.
            </p>
          ) : null}
        </section>
      ) : null}

      <DisputePanel orderId={order.id} />

      <OrderActions
        orderId={order.id}
        orderNumber={order.orderNumber}
        currency={order.currency}
        carriers={CARRIERS}
        fulfilRefusal={actions.fulfilRefusal}
        isShipped={actions.isShipped}
        tracking={{ carrier: order.trackingCarrier, trackingNumber: order.trackingNumber, trackingUrl: order.trackingUrl }}
        canCancel={isOwner && actions.canCancel}
        isPaid={order.paymentStatus === "paid" || order.paymentStatus === "partially_refunded"}
        refundable={isOwner ? actions.refundable : 0}
        shippingRefund={actions.shippingRefund}
        refundLines={actions.refundLines}
        manualStatuses={manualStatuses}
        isOnHold={order.status === "on_hold"}
        linkedToShip={shipsTogether.map((other) => other.orderNumber)}
      />

      <dl className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <dt className="text-stone-600">Placed</dt>
          <dd>{when(order.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Customer</dt>
          <dd className="break-all">
            {customer && canOpenAdminPage(admin.role, "/admin/customers/[id]") ? (
              <Link href={`/admin/customers/${customer.id}`} className="text-brand-700 underline underline-offset-2">
                {customer.name || order.shippingAddress?.name || customer.email}
              </Link>
            ) : (
              (customer?.name || (order.shippingAddress?.name ?? "Guest"))
            )}
            <span className="block text-stone-700">{order.email}</span>
          </dd>
        </div>
        <div>
          <dt className="text-stone-600">Payment</dt>
          <dd>
            {PAYMENT_STATUS_LABELS[order.paymentStatus]}
            {order.amountRefunded > 0 ? <span className="block text-stone-700">{money(order.amountRefunded)} refunded</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-stone-600">Payment references</dt>
          <dd className="break-all font-mono text-xs">
            {order.paymentProvider ?? "–"}
            {order.paymentIntentId ? <span className="block">{order.paymentIntentId}</span> : null}
            {order.paymentSessionId ? <span className="block">{order.paymentSessionId}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-stone-600">Shipping</dt>
          <dd>
            {order.shippingMethod ?? "–"}
            {order.trackingNumber ? (
              <span className="block break-all">
                {order.trackingCarrier} {order.trackingUrl ? <a href={order.trackingUrl} className="text-brand-700 underline underline-offset-2">{order.trackingNumber}</a> : order.trackingNumber}
              </span>
            ) : null}
            {order.shippedAt ? <span className="block text-stone-700">Shipped {when(order.shippedAt)}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-stone-600">Total</dt>
          <dd className="tabular-nums">{money(order.total)}</dd>
        </div>
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card id="items-heading" title="Items">
          <ul className="divide-y divide-stone-100">
            {items.map((item) => (
              <li key={item.id} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 py-2">
                <span>
                  {item.quantity} × {item.productName} <span className="text-stone-600">{item.variantName}</span>
                  <span className="block text-xs text-stone-600">SKU {item.sku}</span>
                </span>
                <span className="tabular-nums">{money(item.lineTotal)}</span>
              </li>
            ))}
          </ul>
          <dl className="mt-2 space-y-1 border-t border-stone-200 pt-2">
            {[
              ["Subtotal", money(order.subtotal)],
              ...(order.discountTotal > 0 ? [[`Discount${order.discountCode ? ` (${order.discountCode})` : ""}`, `−${money(order.discountTotal)}`]] : []),
              ["Shipping", money(order.shippingTotal)],
              ["Total", money(order.total)],
            ].map(([label, value]) => (
              <div key={label} className="flex justify-between gap-4">
                <dt>{label}</dt>
                <dd className="tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
          <Card id="shipping-address-heading" title="Shipping address">
            <Address address={order.shippingAddress} />
          </Card>
          <Card id="billing-address-heading" title="Billing address">
            <Address address={order.billingAddress} />
          </Card>
        </div>
      </div>

      {refunds.length > 0 ? (
        <Card id="refunds-heading" title="Refunds">
          <ul className="divide-y divide-stone-100">
            {refunds.map((refund) => (
              <li key={refund.id} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 py-2">
                <span>
                  <span className="font-medium">{REFUND_STATUS_LABELS[refund.status]}</span>
                  {refund.reason ? <span className="text-stone-800"> – {REFUND_REASON_LABELS[refund.reason]}</span> : null}
                  {refund.note ? <span className="block text-stone-700">{refund.note}</span> : null}
                  {refund.failureReason ? <span className="block text-red-800">{refund.failureReason.replaceAll("_", " ")}</span> : null}
                  <span className="block text-stone-600">
                    {when(refund.createdAt)} · <span className="break-all font-mono text-xs">{refund.providerRefundId}</span>
                  </span>
                </span>
                <span className={`tabular-nums ${refund.status === "failed" || refund.status === "canceled" ? "text-stone-600 line-through" : ""}`}>{money(refund.amount)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card id="history-heading" title="History">
        {events.length === 0 ? (
          <p className="text-stone-600">No events recorded.</p>
        ) : (
          <ol className="divide-y divide-stone-100">
            {events.map((event) => (
              <li key={event.id} className="py-2">
                <span className="font-medium">{eventLabel(event.type)}</span>
                {event.message ? <span className="text-stone-800"> – {event.message}</span> : null}
                {/* A provider's error is kept in the event's data (erasure removes it there), not in its text. */}
                {typeof event.data?.error === "string" ? <span className="text-stone-800"> ({event.data.error})</span> : null}
                <div className="text-stone-600">
                  {when(event.createdAt)} · {actorLabel(event.actor)}
                </div>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
