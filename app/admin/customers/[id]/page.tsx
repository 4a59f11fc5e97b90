// /admin/customers/[id] – a customer: contact, consent, what they bought, their orders and addresses; GDPR access and erase.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { STORE_TIME_ZONE } from "@/lib/time";
import { requireAdmin } from "@/lib/auth/admin";
import { getCustomerDetail } from "@/lib/customers/customer-detail";
import { db } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { formatMoney } from "@/lib/money";
import { getSettings } from "@/lib/settings";
import { formatDateTime, PAYMENT_STATUS_LABELS } from "../../_components/format";
import { OrderStatusBadge } from "../../_components/order-status-badge";
import { EraseCustomerButton } from "../_components/erase-customer-button";
import { BackLink } from "@/app/admin/_components/back-link";
import { addressLines } from "@/lib/shipping/address-lines";

export const metadata: Metadata = { title: "Customer" };

export default async function AdminCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const read = await db();
  const detail = await getCustomerDetail(read, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const settings = await getSettings(read);
  const { customer, addresses, orders, totals } = detail;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, STORE_TIME_ZONE) : "–");
  const isErased = customer.erasedAt !== null;

  return (
    <div className="space-y-6">
      <BackLink href="/admin/customers">All customers</BackLink>
      <div>
        <h1 className="break-words font-serif text-2xl font-semibold text-brand-900">{isErased ? "Erased customer" : customer.name || customer.email}</h1>
        {isErased ? (
          <p className="mt-1 text-sm text-stone-700">Personal data erased on {when(customer.erasedAt)}. Their orders remain for the accounts.</p>
        ) : (
          <p className="mt-1 break-all text-sm text-stone-700">{customer.email}</p>
        )}
      </div>

      <dl className="grid grid-cols-2 gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm lg:grid-cols-5">
        <div>
          <dt className="text-stone-600">Orders</dt>
          <dd className="tabular-nums">{totals.orderCount}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Total spent</dt>
          <dd className="tabular-nums">{formatMoney(totals.totalSpent, settings.currency)}</dd>
        </div>
        <div>
          <dt className="text-stone-600">First order</dt>
          <dd>{when(totals.firstOrderAt)}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Last order</dt>
          <dd>{when(totals.lastOrderAt)}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Marketing</dt>
          <dd>{customer.acceptsMarketing ? `Agreed ${when(customer.marketingConsentAt)}` : "Not agreed"}</dd>
        </div>
      </dl>

      {!isErased ? (
        <section aria-labelledby="privacy-heading" className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="privacy-heading" className="font-semibold">
            Their data (GDPR)
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            A copy of everything the shop holds about this person, or its erasure, when they ask.
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <a href={`/api/admin/customers/${customer.id}/export`} className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-50">
              Download their data (JSON)
            </a>
            <EraseCustomerButton customerId={customer.id} name={customer.name} email={customer.email} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="customer-orders-heading" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="customer-orders-heading" className="border-b border-stone-200 px-4 py-3 font-semibold">
          Orders
        </h2>
        {orders.length === 0 ? (
          <p className="px-4 py-6 text-sm text-stone-600">No orders.</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {orders.map((order) => (
              <li key={order.id} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 px-4 py-3 text-sm">
                <div>
                  <Link href={`/admin/orders/${order.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {order.orderNumber}
                  </Link>
                  <span className="ml-2 text-stone-600">{when(order.createdAt)}</span>
                  <div className="mt-1 flex flex-wrap items-center gap-2">
                    <OrderStatusBadge status={order.status} />
                    <span className="text-stone-700">{PAYMENT_STATUS_LABELS[order.paymentStatus]}</span>
                  </div>
                </div>
                <span className="tabular-nums">{formatMoney(order.total, order.currency)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="addresses-heading" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="addresses-heading" className="border-b border-stone-200 px-4 py-3 font-semibold">
          Addresses
        </h2>
        {addresses.length === 0 ? (
          <p className="px-4 py-6 text-sm text-stone-600">No saved addresses.</p>
        ) : (
          <ul className="grid gap-4 p-4 text-sm sm:grid-cols-2">
            {addresses.map((address) => (
              <li key={address.id}>
                <address className="not-italic">
                  {addressLines(address, { withPhone: true })
                    .map((line, index) => (
                      <span key={index} className="block break-words">
                        {line}
                      </span>
                    ))}
                </address>
                {address.isDefault ? <span className="text-stone-600">Default</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
