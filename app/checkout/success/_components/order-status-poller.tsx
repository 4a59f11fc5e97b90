"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { setCartCount } from "@/app/_components/cart-count-store";
import type { CheckoutPaymentStatus } from "@/lib/checkout/get-checkout-status";

const POLL_EVERY_MS = 2_000;
/** After this long the shopper is told the email will follow; polling slows down but continues a while. */
const PATIENCE_MS = 30_000;
const SLOW_POLL_EVERY_MS = 10_000;
const GIVE_UP_AFTER_MS = 5 * 60_000;

export function OrderStatusPoller({ sessionId, initial }: { sessionId: string; initial: CheckoutPaymentStatus }) {
  const [status, setStatus] = useState(initial);
  const [isTakingLong, setIsTakingLong] = useState(false);

  // The paid checkout's cart became the order and is gone: the header badge must stop counting it.
  useEffect(() => {
    if (status.state === "paid") setCartCount(0);
  }, [status.state]);

  useEffect(() => {
    if (status.state !== "confirming") return;
    const startedAt = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isCancelled = false;

    async function poll() {
      try {
        const response = await fetch(`/api/checkout/status?session_id=${encodeURIComponent(sessionId)}`, { cache: "no-store" });
        if (response.ok) {
          const next = (await response.json()) as CheckoutPaymentStatus;
          if (isCancelled) return;
          if (next.state !== "confirming") {
            setStatus(next);
            return;
          }
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
  }, [sessionId, status.state]);

  return (
    <div aria-live="polite" className="rounded-lg border border-stone-200 bg-white p-6">
      {status.state === "paid" ? (
        <>
          <h1 className="font-serif text-3xl font-semibold text-brand-900">Thank you for your order</h1>
          <p className="mt-3 text-lg">
            Your order number is <strong data-testid="order-number">{status.orderNumber}</strong>.
          </p>
          <p className="mt-2 text-stone-700">We’ve emailed your confirmation, and we’ll email again when your yarn is on its way.</p>
          <div className="mt-6 flex flex-wrap gap-x-6 gap-y-2">
            <Link
              href={`/order/${encodeURIComponent(status.orderNumber)}`}
              data-testid="order-page-link"
              className="font-medium text-brand-700 underline underline-offset-2"
            >
              Follow your order
            </Link>
            <Link href="/" className="font-medium text-brand-700 underline underline-offset-2">
              Continue shopping
            </Link>
          </div>
          <p className="mt-2 text-sm text-stone-600">The order page asks for the email you paid with, or use the link in your confirmation email.</p>
        </>
      ) : status.state === "confirming" ? (
        <>
          <h1 className="font-serif text-3xl font-semibold text-brand-900">Thank you!</h1>
          <p className="mt-3" role="status">
            {isTakingLong
              ? "Your payment is taking a little longer to confirm. There’s no need to wait here: you’ll get a confirmation email as soon as it does."
              : "We’re confirming your payment with the bank…"}
          </p>
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
          <Link href="/checkout" className="mt-4 inline-block font-medium text-brand-700 underline underline-offset-2">
            Back to checkout
          </Link>
        </>
      )}
    </div>
  );
}
