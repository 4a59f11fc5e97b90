import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { confirmCheckoutPayment } from "@/lib/webhooks/confirm-checkout-payment";
import type { CheckoutPaymentStatus } from "@/lib/checkout/get-checkout-status";
import { AppError } from "@/lib/app-error";
import { OrderStatusPoller } from "./_components/order-status-poller";

export const metadata: Metadata = { title: "Thank you", robots: { index: false } };

/**
 * Where Stripe (or the local payment page) sends the shopper after paying. The order is created by
 * the payment webhook, which may arrive a moment later, so the page polls until it exists; the first
 * look starts the wait after which the status API asks the provider itself (lib/webhooks/confirm-checkout-payment.ts).
 */
export default async function CheckoutSuccessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = await searchParams;
  const sessionId = typeof params.session_id === "string" ? params.session_id.trim() : "";

  let initial: CheckoutPaymentStatus | null = null;
  if (sessionId) {
    try {
      initial = await confirmCheckoutPayment(sessionId);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "not_found") throw error;
    }
  }

  return (
    <main className="mx-auto max-w-2xl px-4 py-8 sm:py-12">
      {initial ? (
        <OrderStatusPoller sessionId={sessionId} initial={initial} />
      ) : (
        <div role="status" className="rounded-lg border border-stone-300 bg-white p-6">
          <h1 className="font-serif text-2xl font-semibold text-brand-900">We couldn’t find that payment</h1>
          <p className="mt-2 text-stone-700">
            If you have just paid, your confirmation email is on its way. Otherwise you can go back to your cart and try again.
          </p>
          <Link href="/cart" className="mt-4 inline-block font-medium text-brand-700 underline underline-offset-2">
            Back to cart
          </Link>
        </div>
      )}
    </main>
  );
}
