// The order as its buyer sees it: where it is, what is in it, what was paid, where it is going.
import type { ShopperOrderView } from "@/lib/orders/shopper-lookup";
import { formatMoney } from "@/lib/money";
import { addressLines } from "@/lib/shipping/address-lines";

const STATUS_TEXT: Record<ShopperOrderView["status"], { title: string; detail: string }> = {
  pending: { title: "Awaiting payment", detail: "We are waiting for your bank to confirm the payment. This can take a few days." },
  processing: { title: "Being prepared", detail: "Your yarn is being wound and packed. We will email you when it ships." },
  on_hold: { title: "Being checked", detail: "We are checking something about your order and will be in touch shortly." },
  shipped: { title: "On its way", detail: "Your parcel has left us." },
  delivered: { title: "Delivered", detail: "Your parcel has been delivered. Happy knitting!" },
  cancelled: { title: "Cancelled", detail: "This order was cancelled." },
  refunded: { title: "Refunded", detail: "This order was refunded." },
};

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
const formatDate = (iso: string) => dateFormat.format(new Date(iso));

function Progress({ order }: { order: ShopperOrderView }) {
  const steps = [
    { label: "Placed", at: order.placedAt },
    { label: "Paid", at: order.paidAt },
    { label: "Shipped", at: order.shippedAt },
    { label: "Delivered", at: order.deliveredAt },
  ];
  return (
    <ol className="mt-4 grid grid-cols-4 gap-2 text-center text-xs sm:text-sm" aria-label="Order progress">
      {steps.map((step) => (
        <li key={step.label} className={step.at ? "text-brand-700" : "text-stone-600"}>
          <span aria-hidden className={`mx-auto mb-1 block h-2 rounded-full ${step.at ? "bg-brand-600" : "bg-stone-200"}`} />
          <span className="font-medium">{step.label}</span>
          <span className="sr-only">{step.at ? `: ${formatDate(step.at)}` : ": not yet"}</span>
          {step.at ? <span className="hidden text-stone-500 sm:block">{formatDate(step.at)}</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function OrderDetails({ order }: { order: ShopperOrderView }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const status = STATUS_TEXT[order.status];
  const address = order.shippingAddress;
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <p className="text-sm text-stone-600">Order</p>
      <h1 className="font-serif text-3xl font-semibold text-brand-900">{order.orderNumber}</h1>
      <p className="mt-1 text-sm text-stone-600">Placed {formatDate(order.placedAt)}</p>

      <section className="mt-6 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="order-status">
        <h2 id="order-status" className="text-lg font-semibold">
          {status.title}
        </h2>
        <p className="mt-1 text-stone-700">{status.detail}</p>
        {order.status !== "cancelled" && order.status !== "refunded" ? <Progress order={order} /> : null}
        {order.tracking ? (
          <p className="mt-4 text-sm">
            Tracking{order.tracking.carrier ? ` (${order.tracking.carrier})` : ""}:{" "}
            {order.tracking.url ? (
              <a href={order.tracking.url} className="font-medium text-brand-700 underline" rel="noopener noreferrer" target="_blank">
                {order.tracking.number}
              </a>
            ) : (
              <span className="font-medium">{order.tracking.number}</span>
            )}
          </p>
        ) : null}
      </section>

      <section className="mt-6" aria-labelledby="order-items">
        <h2 id="order-items" className="text-lg font-semibold">
          Items
        </h2>
        <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {order.items.map((item) => (
            <li key={item.id} className="flex items-start justify-between gap-4 p-4">
              <div>
                <p className="font-medium">{item.productName}</p>
                <p className="text-sm text-stone-600">
                  {item.variantName} · {item.quantity} × {money(item.unitPrice)}
                </p>
              </div>
              <p className="whitespace-nowrap font-medium">{money(item.lineTotal)}</p>
            </li>
          ))}
        </ul>
        <dl className="mt-4 space-y-1 text-sm">
          <div className="flex justify-between">
            <dt>Subtotal</dt>
            <dd>{money(order.subtotal)}</dd>
          </div>
          {order.discountTotal > 0 ? (
            <div className="flex justify-between">
              <dt>Discount{order.discountCode ? ` (${order.discountCode})` : ""}</dt>
              <dd>−{money(order.discountTotal)}</dd>
            </div>
          ) : null}
          <div className="flex justify-between">
            <dt>Shipping{order.shippingMethod ? ` (${order.shippingMethod})` : ""}</dt>
            <dd>{money(order.shippingTotal)}</dd>
          </div>
          <div className="flex justify-between border-t border-stone-200 pt-2 text-base font-semibold">
            <dt>Total</dt>
            <dd>{money(order.total)}</dd>
          </div>
          {order.amountRefunded > 0 ? (
            <div className="flex justify-between text-stone-700">
              <dt>Refunded</dt>
              <dd>{money(order.amountRefunded)}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      {address ? (
        <section className="mt-6" aria-labelledby="order-address">
          <h2 id="order-address" className="text-lg font-semibold">
            Delivery address
          </h2>
          <address className="mt-2 not-italic text-stone-700">
            {addressLines(address)
              .map((part, index) => (
                <span key={index} className="block">
                  {part}
                </span>
              ))}
          </address>
        </section>
      ) : null}
    </main>
  );
}
