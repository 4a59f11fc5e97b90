// The order a shopper has just paid for, as the success page shows it: items, total, where it is going.
import type { CheckoutOrderSummary as Summary } from "@/lib/checkout/get-checkout-status";
import { formatMoney } from "@/lib/money";

export function CheckoutOrderSummary({ order }: { order: Summary }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  return (
    <div className="mt-6 grid gap-6 sm:grid-cols-[1fr_14rem]">
      <section aria-labelledby="success-items">
        <h2 id="success-items" className="text-lg font-semibold">
          Your order
        </h2>
        <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200" data-testid="success-items">
          {order.items.map((item) => (
            <li key={item.id} className="flex items-start justify-between gap-4 p-3">
              <div className="min-w-0">
                <p className="font-medium break-words">{item.productName}</p>
                <p className="text-sm text-stone-600">
                  {item.variantName} · Qty {item.quantity}
                </p>
              </div>
              <p className="whitespace-nowrap font-medium">{money(item.lineTotal)}</p>
            </li>
          ))}
        </ul>
        <dl className="mt-3 space-y-1 text-sm">
          <div className="flex justify-between gap-4">
            <dt>Subtotal</dt>
            <dd>{money(order.subtotal)}</dd>
          </div>
          {order.discountTotal > 0 ? (
            <div className="flex justify-between gap-4">
              <dt>Discount</dt>
              <dd>−{money(order.discountTotal)}</dd>
            </div>
          ) : null}
          <div className="flex justify-between gap-4">
            <dt>Delivery{order.shippingMethod ? ` (${order.shippingMethod})` : ""}</dt>
            <dd>{money(order.shippingTotal)}</dd>
          </div>
          <div className="flex justify-between gap-4 border-t border-stone-200 pt-2 text-base font-semibold">
            <dt>Total</dt>
            <dd data-testid="success-total">{money(order.total)}</dd>
          </div>
        </dl>
      </section>
      {order.deliveryAddress ? (
        <section aria-labelledby="success-address">
          <h2 id="success-address" className="text-lg font-semibold">
            Delivery address
          </h2>
          <address className="mt-2 not-italic text-stone-700" data-testid="success-address">
            {order.deliveryAddress.map((line, index) => (
              <span key={index} className="block break-words">
                {line}
              </span>
            ))}
          </address>
        </section>
      ) : null}
    </div>
  );
}
