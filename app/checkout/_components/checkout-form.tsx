"use client";

import Link from "next/link";
import { useId, useRef, useState, type FormEvent } from "react";
import type { BuiltQuote } from "@/lib/checkout/build-checkout-quote";
import { formatMoney } from "@/lib/money";
import type { ServedCountry } from "@/lib/shipping/list-served-countries";

export type QuoteProblem = { code: string; message: string; details?: unknown };

type Result<T> = { ok: true; data: T } | { ok: false; problem: QuoteProblem };

type CheckoutFormProps = {
  countries: ServedCountry[];
  defaultCountry: string;
  initialQuote: BuiltQuote | null;
  initialProblem: QuoteProblem | null;
  notice: string | null;
};

/** POSTs JSON and folds every failure (HTTP error, bad JSON, no network) into the API's error shape. */
async function postJson<T>(url: string, body: unknown): Promise<Result<T>> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, data: json as T };
    const error = (json as { error?: Partial<QuoteProblem> } | null)?.error;
    return {
      ok: false,
      problem: {
        code: error?.code ?? "internal",
        message: error?.message ?? "Something went wrong on our side. Please try again.",
        details: error?.details,
      },
    };
  } catch {
    return { ok: false, problem: { code: "network", message: "We couldn't reach the shop. Check your connection and try again." } };
  }
}

function deliveryTime(min: number, max: number): string {
  if (max <= 1) return "next working day";
  return min === max ? `${max} working days` : `${min}–${max} working days`;
}

export function CheckoutForm({ countries, defaultCountry, initialQuote, initialProblem, notice }: CheckoutFormProps) {
  const ids = useId();
  const [country, setCountry] = useState(defaultCountry);
  const [email, setEmail] = useState("");
  const [acceptsMarketing, setAcceptsMarketing] = useState(false);
  const [codeInput, setCodeInput] = useState("");
  const [appliedCode, setAppliedCode] = useState<string | null>(null);
  const [discountError, setDiscountError] = useState<string | null>(null);
  const [quote, setQuote] = useState<BuiltQuote | null>(initialQuote);
  const [problem, setProblem] = useState<QuoteProblem | null>(initialProblem);
  const [isQuoting, setIsQuoting] = useState(false);
  const [isPaying, setIsPaying] = useState(false);
  const [payProblem, setPayProblem] = useState<QuoteProblem | null>(null);
  // Only the latest quote request may update the page: a slow answer for the previous country must not win.
  const latestRequest = useRef(0);

  const currency = quote?.quote.currency ?? "GBP";
  const money = (minor: number) => formatMoney(minor, currency);

  async function requestQuote(next: { country: string; discountCode: string | null }): Promise<Result<BuiltQuote> | null> {
    const requestNumber = ++latestRequest.current;
    setIsQuoting(true);
    const result = await postJson<BuiltQuote>("/api/checkout/quote", {
      country: next.country,
      ...(next.discountCode ? { discountCode: next.discountCode } : {}),
    });
    if (requestNumber !== latestRequest.current) return null;
    setIsQuoting(false);
    if (result.ok) {
      setQuote(result.data);
      setProblem(null);
    } else if (result.problem.code !== "discount_not_applicable") {
      setProblem(result.problem);
    }
    return result;
  }

  async function changeCountry(next: string) {
    setCountry(next);
    setPayProblem(null);
    const result = await requestQuote({ country: next, discountCode: appliedCode });
    if (result && !result.ok && result.problem.code === "discount_not_applicable") {
      // The code stopped applying (it expired meanwhile, say): drop it and show the price without it.
      setAppliedCode(null);
      setDiscountError(result.problem.message);
      await requestQuote({ country: next, discountCode: null });
    }
  }

  async function applyCode() {
    const code = codeInput.trim();
    if (!code) {
      setDiscountError("Enter a discount code first.");
      return;
    }
    const result = await requestQuote({ country, discountCode: code });
    if (!result) return;
    if (result.ok) {
      setAppliedCode(result.data.quote.discount?.code ?? code.toUpperCase());
      setDiscountError(null);
      setCodeInput("");
    } else if (result.problem.code === "discount_not_applicable") {
      setDiscountError(result.problem.message);
    }
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
    const result = await postJson<{ url: string }>("/api/checkout/session", {
      country,
      email,
      acceptsMarketing,
      ...(appliedCode ? { discountCode: appliedCode } : {}),
    });
    if (result.ok) {
      window.location.assign(result.data.url);
      return; // stay "paying" while the browser leaves
    }
    setIsPaying(false);
    const { problem: failure } = result;
    if (failure.code === "discount_not_applicable") {
      setAppliedCode(null);
      setDiscountError(failure.message);
      await requestQuote({ country, discountCode: null });
    } else if (failure.code === "insufficient_stock" || failure.code === "no_shipping_rate") {
      setProblem(failure);
    } else {
      setPayProblem(failure);
    }
  }

  const summary = quote?.quote;
  const canPay = Boolean(summary) && !problem && !isQuoting && !isPaying;
  const discountErrorId = `${ids}-discount-error`;
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
              onChange={(event) => setEmail(event.target.value)}
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

        <fieldset className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
          <legend className="px-1 font-semibold">Discount code</legend>
          {appliedCode ? (
            <p className="flex items-center justify-between gap-3 text-sm">
              <span>
                <span className="font-mono font-semibold">{appliedCode}</span> applied
              </span>
              <button type="button" onClick={() => void removeCode()} className="text-brand-700 underline underline-offset-2">
                Remove
              </button>
            </p>
          ) : (
            <div className="flex gap-2">
              <label htmlFor={`${ids}-code`} className="sr-only">
                Discount code
              </label>
              <input
                id={`${ids}-code`}
                name="discountCode"
                value={codeInput}
                onChange={(event) => {
                  setCodeInput(event.target.value);
                  if (discountError) setDiscountError(null);
                }}
                onKeyDown={(event) => {
                  // Enter in the code field applies the code rather than submitting the whole checkout.
                  if (event.key === "Enter") {
                    event.preventDefault();
                    void applyCode();
                  }
                }}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={discountError ? true : undefined}
                aria-describedby={discountError ? discountErrorId : undefined}
                placeholder="e.g. WELCOME10"
                className="block w-full rounded-md border border-stone-300 px-3 py-2 uppercase placeholder:normal-case"
              />
              <button
                type="button"
                onClick={() => void applyCode()}
                disabled={isQuoting}
                className="shrink-0 rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-50"
              >
                Apply
              </button>
            </div>
          )}
          <p id={discountErrorId} aria-live="polite" className="min-h-5 text-sm text-red-700">
            {discountError}
          </p>
        </fieldset>
      </div>

      <section aria-labelledby={`${ids}-summary`} className="h-fit space-y-4 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id={`${ids}-summary`} className="font-semibold">
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
            {problem.code === "insufficient_stock" ? (
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
                              <s className="text-stone-400">{money(option.regularAmount)}</s> Free
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
        <p className="text-xs text-stone-500">
          Your items are held for 30 minutes while you pay. Delivering to {countryName}.
        </p>
      </section>
    </form>
  );
}
