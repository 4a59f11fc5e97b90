import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { isCheckoutClosed } from "@/lib/checkout/assert-checkout-open";
import type { BuiltQuote } from "@/lib/checkout/build-checkout-quote";
import { HoldCountdown } from "@/app/_components/hold-countdown";
import { readCartId } from "@/lib/cart/cart-cookie";
import { findOwnHold } from "@/lib/cart/own-update-hold";
import { quoteCheckout } from "@/lib/checkout/quote-checkout";
import { db } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { publishedTermsHref } from "@/lib/pages/list-pages";
import { listServedCountries } from "@/lib/shipping/list-served-countries";
import { CheckoutForm, type QuoteProblem } from "./_components/checkout-form";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

const NOTICES: Record<string, string> = {
  cancelled: "You left the payment page, so nothing was charged. Your cart is just as you left it.",
  declined: "Your payment was declined and nothing was charged. You can try again, perhaps with another card.",
  expired: "Your payment session timed out, so nothing was charged and your items were released. You can start again below.",
};

/** The shop's own country first when it is served; otherwise the first served country. */
const HOME_COUNTRY = "GB";

export default async function CheckoutPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection(); // priced from the database per request, never at build time
  const params = await searchParams;
  const payment = typeof params.payment === "string" ? params.payment : undefined;
  const notice = payment ? (NOTICES[payment] ?? null) : null;

  if (isCheckoutClosed()) {
    return (
      <CheckoutShell>
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
          Checkout is temporarily closed while we finish setting up payments. Your cart is saved; please come back a little later.
        </p>
      </CheckoutShell>
    );
  }

  const cartId = await readCartId();
  const read = await db();
  const [countries, ownHold, termsHref] = await Promise.all([listServedCountries(read), cartId ? findOwnHold(read, cartId) : null, publishedTermsHref(read)]);
  const defaultCountry = countries.find((country) => country.code === HOME_COUNTRY)?.code ?? countries[0]?.code ?? null;

  let initialQuote: BuiltQuote | null = null;
  let initialProblem: QuoteProblem | null = null;
  if (defaultCountry) {
    try {
      initialQuote = await quoteCheckout(read, { cartId, input: { country: defaultCountry } });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      initialProblem = { code: error.code, message: error.message, details: error.details };
    }
  }

  if (initialProblem?.code === "bad_request") {
    return (
      <CheckoutShell>
        {notice ? <p className="mb-6 rounded-lg border border-stone-300 bg-white p-4">{notice}</p> : null}
        <div className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center">
          <p className="text-lg">Your cart is empty.</p>
          <Link href="/" className="mt-4 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
            Browse the yarn
          </Link>
        </div>
      </CheckoutShell>
    );
  }

  if (!defaultCountry) {
    return (
      <CheckoutShell>
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
          We are not shipping anywhere at the moment, so checkout is paused. Your cart is saved.
        </p>
      </CheckoutShell>
    );
  }

  return (
    <CheckoutShell>
      {ownHold?.heldUntil ? <HoldCountdown heldUntil={ownHold.heldUntil} /> : null}
      <CheckoutForm
        countries={countries}
        defaultCountry={defaultCountry}
        initialQuote={initialQuote}
        initialProblem={initialProblem}
        notice={notice}
        termsHref={termsHref}
      />
    </CheckoutShell>
  );
}

function CheckoutShell({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:py-12">
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/cart" className="text-brand-700 underline-offset-2 hover:underline">
          ← Back to cart
        </Link>
      </nav>
      <h1 className="mb-6 font-serif text-3xl font-semibold text-brand-900">Checkout</h1>
      {children}
    </main>
  );
}
