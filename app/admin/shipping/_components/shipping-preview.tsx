"use client";
// "What a shopper in <country> with a <weight> g parcel sees": the checkout's own quote, asked for by the owner.
import { useState, type FormEvent } from "react";
import { callAdminApi } from "@/app/admin/_components/admin-api";
import { Field, inputClass, secondaryButtonClass } from "@/app/admin/_components/form-field";
import { parseMoney, parseWhole } from "@/app/admin/_components/form-values";
import type { ShippingPreview as Preview } from "@/lib/shipping/preview-shipping";

export function ShippingPreview({ countries, currency }: { countries: { code: string; name: string }[]; currency: string }) {
  const [country, setCountry] = useState("GB");
  const [weight, setWeight] = useState("250");
  const [subtotal, setSubtotal] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const money = (minor: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(minor / 100);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const grams = parseWhole(weight);
    const spend = subtotal.trim() === "" ? 0 : parseMoney(subtotal);
    const found: Record<string, string> = {};
    if (grams === null || Number.isNaN(grams)) found.weight = "Enter the parcel's weight in whole grams.";
    if (spend === null) found.subtotal = "Enter an amount such as 40.00, or leave it empty.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const answer = await callAdminApi<Preview>(`/api/admin/shipping/preview?country=${country}&weight=${grams}&subtotal=${spend}`);
    if (answer.ok) {
      setResult(answer.data);
      setProblem(null);
    } else setProblem(answer.error.message);
  }

  const name = countries.find((candidate) => candidate.code === country)?.name ?? country;
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="preview-heading" className="font-semibold">
        Preview what a shopper sees
      </h2>
      <form onSubmit={submit} noValidate className="mt-3 grid gap-x-4 sm:grid-cols-4 sm:items-start">
        <Field id="preview-country" label="Country">
          {(control) => (
            <select {...control} value={country} onChange={(event) => setCountry(event.target.value)} className={inputClass}>
              {countries.map((candidate) => (
                <option key={candidate.code} value={candidate.code}>
                  {candidate.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="preview-weight" label="Parcel weight (g)" error={errors.weight}>
          {(control) => <input {...control} inputMode="numeric" value={weight} onChange={(event) => setWeight(event.target.value)} className={inputClass} />}
        </Field>
        <Field id="preview-subtotal" label={`Order subtotal (${currency})`} error={errors.subtotal}>
          {(control) => <input {...control} inputMode="decimal" value={subtotal} placeholder="0.00" onChange={(event) => setSubtotal(event.target.value)} className={inputClass} />}
        </Field>
        <div className="sm:pt-6">
          <button type="submit" className={secondaryButtonClass}>
            Show options
          </button>
        </div>
      </form>
      <div aria-live="polite" className="mt-2 text-sm" data-testid="shipping-preview">
        {problem ? <p className="text-red-700">{problem}</p> : null}
        {result && !result.isServed ? <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">{result.message}</p> : null}
        {result && result.isServed ? (
          <div>
            <p className="text-stone-700">
              A shopper in {name} with a {result.quote.weightGrams} g parcel ({result.quote.zoneName}) is offered:
            </p>
            <ul className="mt-2 divide-y divide-stone-100 rounded-md border border-stone-200">
              {result.quote.options.map((option) => (
                <li key={option.rateId} className="flex justify-between gap-3 px-3 py-2">
                  <span>
                    {option.name}
                    <span className="block text-stone-600">
                      {option.minDeliveryDays}–{option.maxDeliveryDays} days{option.isTracked ? ", tracked" : ""}
                    </span>
                  </span>
                  <span className="text-right tabular-nums">
                    {option.isFree ? `Free (was ${money(option.regularAmount)})` : money(option.amount)}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
