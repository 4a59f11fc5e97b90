"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { setCartCount } from "@/app/_components/cart-count-store";
import type { CheckoutPaymentStatus } from "@/lib/checkout/get-checkout-status";
import { CheckoutOrderSummary } from "./checkout-order-summary";

const POLL_EVERY_MS = 2_000;
/** After this long the shopper is told the email will follow; polling slows down but continues a while. */
const PATIENCE_MS = 30_000;
const SLOW_POLL_EVERY_MS = 10_000;
const GIVE_UP_AFTER_MS = 5 * 60_000;

/** Still worth asking: nobody has told us the result, or a delayed payment has no order yet. */
const isWaiting = (status: CheckoutPaymentStatus) => status.state === "confirming" || (status.state === "processing" && status.order === null);

const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";

export function OrderStatusPoller({ sessionId, initial }: { sessionId: string; initial: CheckoutPaymentStatus }) {
  const [status, setStatus] = useState(initial);
  const [isTakingLong, setIsTakingLong] = useState(false);
  const shouldPoll = isWaiting(status);
  const order = status.state === "paid" || status.state === "processing" ? status.order : null;

  // The paid checkout's cart became the order and is gone: the header badge must stop counting it.
  useEffect(() => {
    if (status.state === "paid" || status.state === "processing") setCartCount(0);
  }, [status.state]);

  useEffect(() => {
    if (!shouldPoll) return;
    const startedAt = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isCancelled = false;

    async function poll() {
      try {
        const response = await fetch(`/api/checkout/status?session_id=${encodeURIComponent(sessionId)}`, { cache: "no-store" });
        if (response.ok) {
          const next = (await response.json()) as CheckoutPaymentStatus;
          if (isCancelled) return;
          setStatus(next);
          if (!isWaiting(next)) return;
        }
      } catch {
        // A dropped request is retried on the next tick; the page already says we are confirming.
      }
      if (isCancelled) return;
      const elapsed = Date.now() - startedAt;
      if (elapsed >= PATIENCE_MS) setIsTakingLong(true);
      if (elapsed < GIVE_UP_AFTER_MS) timer = setTimeout(poll, elapsed >= PATIENCE_MS ? SLOW_POLL_EVERY_MS : POLL_EVERY_MS);
    }

    timer = setTimeout(poll, POLL_EVERY_MS);
    return () => {
      isCancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [sessionId, shouldPoll]);

  return (
    <div aria-live="polite" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      {order ? (
        <>
          <h1 className="font-serif text-3xl font-semibold text-brand-900">{status.state === "paid" ? "Thank you for your order" : "Thank you! Your payment is on its way"}</h1>
          <p className="mt-3 text-lg">
            Your order number is <strong data-testid="order-number">{order.orderNumber}</strong>.
          </p>
          {status.state === "paid" ? (
            <p className="mt-2 text-stone-700" data-testid="confirmation-email">
              We’ve emailed your confirmation to <span className="font-medium break-all">{order.maskedEmail}</span>, and we’ll email again when your
              yarn is on its way.
            </p>
          ) : (
            <p className="mt-2 text-stone-700" role="status">
              Your bank is still processing the payment, which can take a few days with this method. We’ll email{" "}
              <span className="font-medium break-all">{order.maskedEmail}</span> as soon as it clears, and send your yarn then.
            </p>
          )}
          <div className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
            <Link href={`/order/${encodeURIComponent(order.orderNumber)}`} data-testid="order-page-link" className={linkClass}>
              Follow your order
            </Link>
            <Link href="/" className={linkClass}>
              Continue shopping
            </Link>
          </div>
          <CheckoutOrderSummary order={order} />
        </>
      ) : isWaiting(status) ? (
        <>
          <h1 className="font-serif text-3xl font-semibold text-brand-900">Thank you!</h1>
          <div className="mt-3 flex items-start gap-3" role="status">
            {isTakingLong ? null : <span aria-hidden className="mt-1 inline-block size-4 shrink-0 animate-spin rounded-full border-2 border-brand-100 border-t-brand-700" />}
            <p>
              {isTakingLong
                ? "Your payment is taking a little longer to confirm. There’s no need to wait here: you’ll get a confirmation email as soon as it does."
                : status.state === "processing"
                  ? "Your bank is still processing the payment. This page will update as soon as your order is recorded…"
                  : "We’re confirming your payment with the bank…"}
            </p>
          </div>
        </>
      ) : (
        <>
          <h1 className="font-serif text-2xl font-semibold text-brand-900">Your payment didn’t go through</h1>
          <p className="mt-3 text-stone-700">
            {status.state === "expired"
              ? "The payment session expired before it was completed, so nothing was charged."
              : status.state === "replaced"
                ? "You started a newer checkout for this cart, so this payment was closed. Nothing was charged."
                : "The payment was declined and nothing was charged."}
          </p>
          <Link href="/checkout" className={`mt-4 inline-block ${linkClass}`}>
            Back to checkout
          </Link>
        </>
      )}
    </div>
  );
}
