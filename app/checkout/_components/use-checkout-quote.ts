"use client";
// The checkout's live quote: asks /api/checkout/quote for a country and code, and keeps only the latest answer.
import { useRef, useState } from "react";
import { fetchJson, type ApiProblem, type ApiResult } from "@/app/_components/fetch-json";
import type { BuiltQuote } from "@/lib/checkout/build-checkout-quote";

/** `email`: the shopper's, once typed, so the quote can join their unshipped parcel of the same update. */
export type QuoteRequest = { country: string; discountCode: string | null; email?: string };

/** A refusal that is about the code, shown at the code field: not valid, or too many codes tried. */
export function isCodeProblem(problem: ApiProblem, discountCode: string | null): boolean {
  return problem.code === "discount_not_applicable" || (Boolean(discountCode) && problem.code === "too_many_requests");
}

/**
 * `problem` is what blocks paying (sold out, too many of an item, no delivery to the country); a
 * refused discount code (isCodeProblem) is left to the caller, which shows it at the code field instead. `requestQuote` resolves to null
 * when a newer request has been sent meanwhile: a slow answer for the previous country must not win.
 */
export function useCheckoutQuote(initialQuote: BuiltQuote | null, initialProblem: ApiProblem | null) {
  const [quote, setQuote] = useState<BuiltQuote | null>(initialQuote);
  const [problem, setProblem] = useState<ApiProblem | null>(initialProblem);
  const [isQuoting, setIsQuoting] = useState(false);
  const latestRequest = useRef(0);

  async function requestQuote(next: QuoteRequest): Promise<ApiResult<BuiltQuote> | null> {
    const requestNumber = ++latestRequest.current;
    setIsQuoting(true);
    const result = await fetchJson<BuiltQuote>("/api/checkout/quote", {
      body: { country: next.country, ...(next.discountCode ? { discountCode: next.discountCode } : {}), ...(next.email ? { email: next.email } : {}) },
    });
    if (requestNumber !== latestRequest.current) return null;
    setIsQuoting(false);
    if (result.ok) {
      setQuote(result.data);
      setProblem(null);
    } else if (!isCodeProblem(result.problem, next.discountCode)) {
      setProblem(result.problem);
    }
    return result;
  }

  return { quote, problem, setProblem, isQuoting, requestQuote };
}
