// The checkout's order summary: lines, discount, delivery options and total, with what blocks paying.
import Link from "next/link";
import type { ReactNode } from "react";
import type { ApiProblem } from "@/app/_components/fetch-json";
import type { BuiltQuote } from "@/lib/checkout/build-checkout-quote";
import { liveAtOf } from "./live-at-of";
import { formatMoney } from "@/lib/money";
import { STORE_TIME_ZONE } from "@/lib/time";

const ukTime = new Intl.DateTimeFormat("en-GB", { timeZone: STORE_TIME_ZONE, hour: "2-digit", minute: "2-digit" });

type OrderSummaryProps = {
  idPrefix: string;
  quote: BuiltQuote | null;
  problem: ApiProblem | null;
  isQuoting: boolean;
  /** The pay button and what follows it: the summary is where the shopper decides. */
  children: ReactNode;
};

function deliveryTime(min: number, max: number): string {
  if (max <= 1) return "next working day";
  return min === max ? `${max} working days` : `${min}–${max} working days`;
}

export function OrderSummary({ idPrefix, quote, problem, isQuoting, children }: OrderSummaryProps) {
  const liveAt = liveAtOf(problem);
  const summary = quote?.quote;
  const money = (minor: number) => formatMoney(minor, summary?.currency ?? "GBP");
  return (
    <section aria-labelledby={`${idPrefix}-summary`} className="h-fit space-y-4 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id={`${idPrefix}-summary`} className="font-semibold">
        Order summary
      </h2>

      {quote ? (
        <ul className="divide-y divide-stone-100 text-sm" aria-label="Items">
          {quote.lines.map((line) => (
            <li key={line.variantId} className="flex justify-between gap-3 py-2">
              <span>
                {line.productName} <span className="text-stone-600">– {line.variantName}</span>
                <span className="text-stone-600"> × {line.quantity}</span>
              </span>
              <span className="tabular-nums">{money(line.lineTotal)}</span>
            </li>
          ))}
        </ul>
      ) : null}

      {problem ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p>{problem.message}</p>
          {liveAt ? (
            <p className="mt-2" data-testid="not-live-time">
              You can pay from {ukTime.format(new Date(liveAt))} (UK time). Keep this page open: the button comes back at that minute.
            </p>
          ) : null}
          {problem.code === "limit_reached" ? (
            <p className="mt-2">Your orders and holds in this update already count towards it.</p>
          ) : null}
          {problem.code === "insufficient_stock" || problem.code === "limit_reached" ? (
            <Link href="/cart" className="mt-2 inline-block font-medium underline underline-offset-2">
              Update your cart
            </Link>
          ) : null}
        </div>
      ) : null}

      <div aria-live="polite" aria-busy={isQuoting} className={isQuoting ? "opacity-60 transition-opacity" : undefined}>
        <p className="sr-only">{isQuoting ? "Updating prices…" : summary ? `Total ${money(summary.total)}` : ""}</p>
        {summary && !problem ? (
          <dl className="space-y-2 text-sm">
            <div className="flex justify-between">
              <dt>Subtotal</dt>
              <dd className="tabular-nums">{money(summary.subtotal)}</dd>
            </div>
            {summary.discount ? (
              <div className="flex justify-between text-brand-700">
                <dt>Discount ({summary.discount.code})</dt>
                <dd className="tabular-nums">−{money(summary.discount.amount)}</dd>
              </div>
            ) : null}
            {quote?.combinedWith ? (
              <div className="rounded-md border border-brand-100 bg-brand-50 p-3 text-brand-900" data-testid="combined-parcel">
                <dt className="font-medium">Combined with {quote.combinedWith.orderNumber} — no extra shipping</dt>
                <dd className="mt-1 text-stone-700">
                  Ships with {quote.combinedWith.orderNumber} to {quote.combinedWith.maskedAddress}, in one parcel.
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Delivery to {summary.countryName}</dt>
              <dd>
                <ul className="mt-1 space-y-1" aria-label={`Delivery options to ${summary.countryName}`} data-testid="shipping-options">
                  {summary.shippingOptions.map((option) => (
                    <li key={option.rateId} className="flex justify-between gap-3 text-stone-700">
                      <span>
                        {option.name}
                        <span className="block text-xs text-stone-500">
                          {deliveryTime(option.minDeliveryDays, option.maxDeliveryDays)}
                          {option.isTracked ? " · tracked" : ""}
                        </span>
                      </span>
                      <span className="tabular-nums">
                        {option.isFree ? (
                          <>
                            <s className="text-stone-600">{money(option.regularAmount)}</s> Free
                          </>
                        ) : (
                          money(option.amount)
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
                {summary.shippingOptions.length > 1 ? (
                  <p className="mt-1 text-xs text-stone-500">You choose the delivery option on the payment page; the total includes the first.</p>
                ) : null}
              </dd>
            </div>
            <div className="flex justify-between border-t border-stone-200 pt-2 text-base font-semibold">
              <dt>Total</dt>
              <dd className="tabular-nums" data-testid="checkout-total">
                {money(summary.total)}
              </dd>
            </div>
          </dl>
        ) : null}
      </div>

      {children}
    </section>
  );
}
