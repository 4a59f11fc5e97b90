"use client";
// The checkout page's form: delivery country, contact, discount code and the summary with the pay button.
import { useEffect, useId, useState, type FormEvent } from "react";
import { fetchJson, type ApiProblem } from "@/app/_components/fetch-json";
import type { BuiltQuote } from "@/lib/checkout/build-checkout-quote";
import type { ServedCountry } from "@/lib/shipping/list-served-countries";
import { DiscountField } from "./discount-field";
import { liveAtOf } from "./live-at-of";
import { OrderSummary } from "./order-summary";
import { isCodeProblem, useCheckoutQuote } from "./use-checkout-quote";
import { CancellationNotice } from "@/app/_components/cancellation-notice";

export type QuoteProblem = ApiProblem;

/** Refusals about the cart itself: shown in the summary, and paying waits until the cart (or the clock) changes. */
const CART_PROBLEMS = new Set(["insufficient_stock", "quantity_limit", "no_shipping_rate", "not_live", "limit_reached"]);

/** setTimeout's longest delay (about 24.8 days); a later live time is not waited for on the page. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

type CheckoutFormProps = {
  countries: ServedCountry[];
  defaultCountry: string;
  initialQuote: BuiltQuote | null;
  initialProblem: QuoteProblem | null;
  notice: string | null;
  /** The published Terms page, linked beside the right to cancel; null while it is not published. */
  termsHref: string | null;
};

export function CheckoutForm({ countries, defaultCountry, initialQuote, initialProblem, notice, termsHref }: CheckoutFormProps) {
  const ids = useId();
  const [country, setCountry] = useState(defaultCountry);
  const [email, setEmail] = useState("");
  const [acceptsMarketing, setAcceptsMarketing] = useState(false);
  const [appliedCode, setAppliedCode] = useState<string | null>(null);
  const [discountError, setDiscountError] = useState<string | null>(null);
  const [isPaying, setIsPaying] = useState(false);
  const [payProblem, setPayProblem] = useState<QuoteProblem | null>(null);
  const { quote, problem, setProblem, isQuoting, requestQuote: requestAnyQuote } = useCheckoutQuote(initialQuote, initialProblem);
  const [quotedEmail, setQuotedEmail] = useState("");
  // The email's own quote (a combined parcel?) never blocks paying: clicking "Continue to payment"
  // is what blurs the field, and the session prices the parcel on the server all the same.
  const [isCheckingEmail, setIsCheckingEmail] = useState(false);
  // Every quote carries the email last checked, so a change of country or code keeps a combined parcel.
  const requestQuote = (next: { country: string; discountCode: string | null }) => requestAnyQuote({ ...next, email: quotedEmail || undefined });

  /** A typed email may join the shopper's unshipped parcel of the same update: ask once it is complete. */
  async function checkEmail(input: HTMLInputElement) {
    const next = input.validity.valid ? input.value.trim() : "";
    if (next === quotedEmail) return;
    setQuotedEmail(next);
    setIsCheckingEmail(true);
    try {
      await requestAnyQuote({ country, discountCode: appliedCode, email: next || undefined });
    } finally {
      setIsCheckingEmail(false);
    }
  }
  const liveAt = liveAtOf(problem);

  // A cart from before an update's minute (an old tab) may pay from that minute on: lift the refusal then, on this browser's clock.
  useEffect(() => {
    if (!liveAt) return;
    const wait = Date.parse(liveAt) - Date.now() + 1000;
    if (wait > LONGEST_TIMER_MS) return;
    const timer = setTimeout(() => setProblem(null), Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [liveAt, setProblem]);

  /** The code stopped applying (it expired meanwhile, say): drop it, say why, and show the price without it. */
  async function dropCode(country: string, reason: string) {
    setAppliedCode(null);
    setDiscountError(reason);
    await requestQuote({ country, discountCode: null });
  }

  async function changeCountry(next: string) {
    setCountry(next);
    setPayProblem(null);
    const result = await requestQuote({ country: next, discountCode: appliedCode });
    if (result && !result.ok && isCodeProblem(result.problem, appliedCode)) await dropCode(next, result.problem.message);
  }

  async function applyCode(code: string): Promise<boolean> {
    if (!code) {
      setDiscountError("Enter a discount code first.");
      return false;
    }
    const result = await requestQuote({ country, discountCode: code });
    if (!result) return false;
    if (result.ok) {
      setAppliedCode(result.data.quote.discount?.code ?? code.toUpperCase());
      setDiscountError(null);
      return true;
    }
    if (isCodeProblem(result.problem, code)) setDiscountError(result.problem.message);
    return false;
  }

  async function removeCode() {
    setAppliedCode(null);
    setDiscountError(null);
    await requestQuote({ country, discountCode: null });
  }

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsPaying(true);
    setPayProblem(null);
    const result = await fetchJson<{ url: string }>("/api/checkout/session", {
      body: { country, email, acceptsMarketing, ...(appliedCode ? { discountCode: appliedCode } : {}) },
    });
    if (result.ok) {
      window.location.assign(result.data.url);
      return; // stay "paying" while the browser leaves
    }
    setIsPaying(false);
    const { problem: failure } = result;
    if (failure.code === "discount_not_applicable") await dropCode(country, failure.message);
    else if (CART_PROBLEMS.has(failure.code)) setProblem(failure);
    else setPayProblem(failure);
  }

  const canPay = Boolean(quote?.quote) && !problem && (!isQuoting || isCheckingEmail) && !isPaying;
  const countryName = countries.find((entry) => entry.code === country)?.name ?? country;

  return (
    <form onSubmit={pay} className="grid gap-8 md:grid-cols-[1fr_24rem]">
      <div className="space-y-6">
        {notice ? (
          <p role="status" className="rounded-lg border border-stone-300 bg-white p-4">
            {notice}
          </p>
        ) : null}

        <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
          <legend className="px-1 font-semibold">Delivery</legend>
          <div>
            <label htmlFor={`${ids}-country`} className="block text-sm font-medium">
              Delivery country
            </label>
            <select
              id={`${ids}-country`}
              name="country"
              value={country}
              onChange={(event) => void changeCountry(event.target.value)}
              className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2"
              autoComplete="shipping country"
            >
              {countries.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.name}
                </option>
              ))}
            </select>
            <p className="mt-1 text-sm text-stone-600">We only list the countries we deliver to. You’ll enter your address on the payment page.</p>
          </div>
        </fieldset>

        <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
          <legend className="px-1 font-semibold">Contact</legend>
          <div>
            <label htmlFor={`${ids}-email`} className="block text-sm font-medium">
              Email for your order confirmation
            </label>
            <input
              id={`${ids}-email`}
              type="email"
              name="email"
              required
              autoComplete="email"
              inputMode="email"
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
                // The limit counts this email's orders too: another address deserves a fresh try.
                if (problem?.code === "limit_reached") setProblem(null);
              }}
              onBlur={(event) => void checkEmail(event.currentTarget)}
              className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2"
            />
          </div>
          <div className="flex items-start gap-3">
            <input
              id={`${ids}-marketing`}
              type="checkbox"
              name="acceptsMarketing"
              checked={acceptsMarketing}
              onChange={(event) => setAcceptsMarketing(event.target.checked)}
              className="mt-1 h-4 w-4 rounded border-stone-300"
            />
            <label htmlFor={`${ids}-marketing`} className="text-sm">
              Email me about new colourways and restocks. You can unsubscribe at any time.
            </label>
          </div>
        </fieldset>

        <DiscountField
          idPrefix={ids}
          appliedCode={appliedCode}
          error={discountError}
          isBusy={isQuoting}
          onApply={applyCode}
          onRemove={() => void removeCode()}
          onClearError={() => setDiscountError(null)}
        />
      </div>

      <OrderSummary idPrefix={ids} quote={quote} problem={problem} isQuoting={isQuoting}>
        {payProblem ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            {payProblem.message}
          </p>
        ) : null}

        <button
          type="submit"
          disabled={!canPay}
          className="w-full rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-900 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {isPaying ? "Reserving your yarn…" : "Continue to payment"}
        </button>
        <p className="text-xs text-stone-500">Your items are held for 30 minutes while you pay. Delivering to {countryName}.</p>
        <CancellationNotice termsHref={termsHref} />
      </OrderSummary>
    </form>
  );
}
