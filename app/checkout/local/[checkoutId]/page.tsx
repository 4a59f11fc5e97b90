import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { HoldCountdown } from "@/app/_components/hold-countdown";
import { getPayableCheckout } from "@/lib/checkout/get-payable-checkout";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { isLocalPaymentsEnabled } from "@/lib/payments/get-payment-provider";
import { LocalPaymentForm } from "./_components/local-payment-form";

export const metadata: Metadata = { title: "Test payment", robots: { index: false } };

const CLOSED_MESSAGES: Record<string, string> = {
  completed: "This checkout has been paid.",
  replaced: "You started a newer checkout for this cart, so this one was closed.",
  failed: "This checkout could not be completed.",
  expired: "This payment session expired and the items were released.",
  open: "This payment session has expired.",
};

/**
 * The local payment provider's hosted page (what Stripe Checkout is in production). It takes no
 * money: its buttons send the signed events Stripe would send to the store's webhook.
 */
export default async function LocalPaymentPage({ params }: { params: Promise<{ checkoutId: string }> }) {
  await connection();
  if (!isLocalPaymentsEnabled()) notFound();
  const { checkoutId } = await params;
  const checkout = await getPayableCheckout(await db(), checkoutId);
  if (!checkout || checkout.paymentProvider !== "local") notFound();

  const { quote, lines } = checkout;
  const money = (minor: number) => formatMoney(minor, quote.currency);

  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:py-12">
      <p className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
        <strong>Test payment page.</strong> No card is charged: the buttons below tell the shop what Stripe would.
      </p>
      <h1 className="mb-6 font-serif text-3xl font-semibold text-brand-900">Complete your payment</h1>

      <div className="grid gap-8 md:grid-cols-[1fr_18rem]">
        <div>
          {checkout.isPayable && checkout.heldUntil ? <HoldCountdown heldUntil={checkout.heldUntil} /> : null}
          {checkout.isPayable && checkout.session ? (
            <LocalPaymentForm
              checkoutId={checkout.id}
              email={checkout.session.email ?? ""}
              countryName={quote.countryName}
              currency={quote.currency}
              goodsTotal={quote.subtotal - (quote.discount?.amount ?? 0)}
              shippingOptions={quote.shippingOptions}
            />
          ) : (
            <div role="status" className="rounded-lg border border-stone-300 bg-white p-6">
              <p>{CLOSED_MESSAGES[checkout.status] ?? "This checkout is closed."}</p>
              {checkout.status === "completed" && checkout.session ? (
                <Link
                  href={`/checkout/success?session_id=${encodeURIComponent(checkout.session.sessionId)}`}
                  className="mt-4 inline-block font-medium text-brand-700 underline underline-offset-2"
                >
                  See your order
                </Link>
              ) : (
                <Link href="/checkout" className="mt-4 inline-block font-medium text-brand-700 underline underline-offset-2">
                  Back to checkout
                </Link>
              )}
            </div>
          )}
        </div>

        <section aria-labelledby="local-summary" className="h-fit rounded-lg border border-stone-200 bg-white p-4 text-sm">
          <h2 id="local-summary" className="mb-2 font-semibold">
            Order summary
          </h2>
          <ul className="divide-y divide-stone-100">
            {lines.map((line) => (
              <li key={line.variantId} className="flex justify-between gap-3 py-2">
                <span>
                  {line.productName} – {line.variantName} × {line.quantity}
                </span>
                <span className="tabular-nums">{money(line.unitPrice * line.quantity)}</span>
              </li>
            ))}
          </ul>
          <dl className="mt-2 space-y-1 border-t border-stone-200 pt-2">
            <div className="flex justify-between">
              <dt>Subtotal</dt>
              <dd className="tabular-nums">{money(quote.subtotal)}</dd>
            </div>
            {quote.discount ? (
              <div className="flex justify-between">
                <dt>Discount ({quote.discount.code})</dt>
                <dd className="tabular-nums">−{money(quote.discount.amount)}</dd>
              </div>
            ) : null}
            <div className="flex justify-between">
              <dt>Delivery to</dt>
              <dd>{quote.countryName}</dd>
            </div>
          </dl>
        </section>
      </div>
    </main>
  );
}
