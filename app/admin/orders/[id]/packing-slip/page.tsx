// /admin/orders/[id]/packing-slip – a printable slip for the parcel: address, items and quantities, no prices.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { STORE_TIME_ZONE } from "@/lib/time";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { getAdminOrderDetail } from "@/lib/orders/admin-order-detail";
import { findParcelItems, parcelMates } from "@/lib/orders/parcel-items";
import { getSettings } from "@/lib/settings";
import { formatDateTime } from "../../../_components/format";
import { PrintButton } from "./print-button";
import { addressLines } from "@/lib/shipping/address-lines";

export const metadata: Metadata = { title: "Packing slip" };

export default async function PackingSlipPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin({ role: "staff" });
  await connection();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const read = await db();
  const detail = await getAdminOrderDetail(read, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const { order, linkedOrders } = detail;
  const mates = parcelMates(order, linkedOrders);
  const [settings, parcel] = await Promise.all([getSettings(read), findParcelItems(read, order, mates)]);
  // One parcel per customer: it goes where the earliest order of the parcel goes, as the checkout told the shopper.
  const earliest = [order, ...mates].reduce((first, other) => (other.id < first.id ? other : first));
  const address = earliest.shippingAddress;
  const isCombined = mates.length > 0;

  return (
    <div className="packing-slip mx-auto max-w-2xl space-y-6 bg-white p-4 text-stone-900 print:p-0">
      {/* On paper only the slip shows: the admin's menu and header stay on screen. */}
      <style>{`@media print { body * { visibility: hidden; } .packing-slip, .packing-slip * { visibility: visible; } .packing-slip { position: absolute; inset: 0 auto auto 0; width: 100%; } }`}</style>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={`/admin/orders/${order.id}`} className="text-sm text-brand-700 underline underline-offset-2">
          Back to order {order.orderNumber}
        </Link>
        <PrintButton />
      </div>
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-stone-300 pb-4">
        <div>
          <p className="font-serif text-xl font-semibold">{settings.storeName}</p>
          <p className="text-sm text-stone-700">{settings.supportEmail}</p>
        </div>
        <div className="text-right">
          <h1 className="text-lg font-semibold">Packing slip</h1>
          <p className="text-sm">{isCombined ? `Orders ${parcel.map((member) => member.orderNumber).join(", ")}` : `Order ${order.orderNumber}`}</p>
          <p className="text-sm text-stone-700">{formatDateTime(order.createdAt, STORE_TIME_ZONE)}</p>
        </div>
      </header>
      <section aria-labelledby="ship-to">
        <h2 id="ship-to" className="text-sm font-semibold uppercase tracking-wide text-stone-700">
          Ship to
        </h2>
        {address ? (
          <address className="mt-1 not-italic">
            {addressLines(address)
              .map((line, index) => (
                <span key={index} className="block">
                  {line}
                </span>
              ))}
          </address>
        ) : (
          <p className="mt-1 text-stone-700">No address recorded.</p>
        )}
        {order.shippingMethod ? <p className="mt-2 text-sm">Method: {order.shippingMethod}</p> : null}
      </section>
      <table className="w-full border-collapse text-sm">
        <caption className={isCombined ? "pb-2 text-left text-sm font-semibold" : "sr-only"}>
          {isCombined ? `Items in this parcel, from ${parcel.length} orders` : "Items in this parcel"}
        </caption>
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="py-2 pr-2">Item</th>
            <th scope="col" className="py-2 pr-2">SKU</th>
            <th scope="col" className="py-2 text-right">Qty</th>
          </tr>
        </thead>
        {parcel.map((member) => (
          <tbody key={member.orderId}>
            {isCombined ? (
              <tr className="border-b border-stone-300 bg-stone-50">
                <th scope="rowgroup" colSpan={3} className="py-1 text-left font-semibold">
                  Order {member.orderNumber}
                </th>
              </tr>
            ) : null}
            {member.items.map((item) => (
              <tr key={item.id} className="border-b border-stone-200">
                <td className="py-2 pr-2">
                  {item.productName} <span className="text-stone-700">– {item.variantName}</span>
                </td>
                <td className="break-all py-2 pr-2 font-mono text-xs">{item.sku}</td>
                <td className="py-2 text-right tabular-nums">{item.quantity}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      <p className="text-sm text-stone-700">Thank you for shopping with {settings.storeName}.</p>
    </div>
  );
}
