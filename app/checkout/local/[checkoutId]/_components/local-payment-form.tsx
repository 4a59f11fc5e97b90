"use client";

import { useActionState, useId, useState } from "react";
import { formatMoney } from "@/lib/money";
import type { QuotedShippingOption } from "@/lib/db/schema";
import { submitLocalPayment, type LocalPaymentState } from "../actions";

type Props = {
  checkoutId: string;
  email: string;
  countryName: string;
  currency: string;
  /** Goods after discount; the chosen shipping option is added to it. */
  goodsTotal: number;
  shippingOptions: QuotedShippingOption[];
};

const initialState: LocalPaymentState = { message: null, fieldErrors: {}, values: {} };

function Field(props: { id: string; name: string; label: string; error?: string; autoComplete: string; defaultValue?: string; required?: boolean; type?: string }) {
  const errorId = `${props.id}-error`;
  return (
    <div>
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        required={props.required ?? true}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2"
      />
      {props.error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function LocalPaymentForm({ checkoutId, email, countryName, currency, goodsTotal, shippingOptions }: Props) {
  const ids = useId();
  const [state, formAction, isPending] = useActionState(submitLocalPayment, initialState);
  const [rateId, setRateId] = useState(shippingOptions[0]?.rateId);
  const chosen = shippingOptions.find((option) => option.rateId === rateId) ?? shippingOptions[0];
  const errors = state.fieldErrors;
  const typed = state.values;

  return (
    <form action={formAction} className="space-y-6">
      <input type="hidden" name="checkoutId" value={checkoutId} />

      <fieldset className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
        <legend className="px-1 font-semibold">Delivery option</legend>
        {shippingOptions.map((option) => (
          <label key={option.rateId ?? option.name} className="flex items-center justify-between gap-3 rounded-md border border-stone-200 p-3 has-[:checked]:border-brand-600">
            <span className="flex items-center gap-3">
              <input
                type="radio"
                name="shippingRateId"
                value={option.rateId ?? ""}
                checked={option.rateId === rateId}
                onChange={() => setRateId(option.rateId)}
              />
              <span>
                <span className="block">{option.name}</span>
                <span className="block text-xs text-stone-500">
                  {option.minDeliveryDays}–{option.maxDeliveryDays} working days{option.isTracked ? " · tracked" : ""}
                </span>
              </span>
            </span>
            <span className="tabular-nums">{option.amount === 0 ? "Free" : formatMoney(option.amount, currency)}</span>
          </label>
        ))}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        <legend className="px-1 font-semibold">Contact and delivery address</legend>
        <Field id={`${ids}-email`} name="email" label="Email" type="email" autoComplete="email" defaultValue={typed.email ?? email} error={errors.email} />
        <Field id={`${ids}-name`} name="name" defaultValue={typed.name} label="Full name" autoComplete="shipping name" error={errors.name} />
        <Field id={`${ids}-line1`} name="line1" defaultValue={typed.line1} label="Address line 1" autoComplete="shipping address-line1" error={errors.line1} />
        <Field id={`${ids}-line2`} name="line2" defaultValue={typed.line2} label="Address line 2 (optional)" autoComplete="shipping address-line2" required={false} />
        <Field id={`${ids}-city`} name="city" defaultValue={typed.city} label="Town or city" autoComplete="shipping address-level2" error={errors.city} />
        <Field id={`${ids}-postcode`} name="postalCode" defaultValue={typed.postalCode} label="Postcode" autoComplete="shipping postal-code" error={errors.postalCode} />
        <p className="text-sm text-stone-600">
          Country: <strong>{countryName}</strong> (the rates above are for {countryName} only)
        </p>
      </fieldset>

      <div className="flex items-start gap-2 text-sm">
        <input
          id={`${ids}-hold-webhook`}
          name="holdWebhook"
          type="checkbox"
          value="1"
          defaultChecked={typed.holdWebhook === "1"}
          className="mt-0.5 size-4 accent-brand-700"
          aria-describedby={`${ids}-hold-webhook-hint`}
        />
        <div>
          <label htmlFor={`${ids}-hold-webhook`} className="font-medium">
            Hold back the webhook
          </label>
          <p id={`${ids}-hold-webhook-hint`} className="text-stone-600">
            Pays without telling the webhook, as when Stripe’s is late: the success page then asks this provider itself.
          </p>
        </div>
      </div>

      <div aria-live="assertive">
        {state.message ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            {state.message}
          </p>
        ) : null}
      </div>

      <div className="flex flex-col gap-3 sm:flex-row">
        <button
          type="submit"
          name="intent"
          value="pay"
          disabled={isPending}
          className="rounded-md bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-50"
        >
          {isPending ? "Working…" : `Pay ${formatMoney(goodsTotal + (chosen?.amount ?? 0), currency)}`}
        </button>
        <button
          type="submit"
          name="intent"
          value="decline"
          formNoValidate
          disabled={isPending}
          className="rounded-md border border-stone-300 px-5 py-3 font-medium hover:bg-stone-100 disabled:opacity-50"
        >
          Decline
        </button>
        <button
          type="submit"
          name="intent"
          value="expire"
          formNoValidate
          disabled={isPending}
          className="rounded-md border border-stone-300 px-5 py-3 font-medium hover:bg-stone-100 disabled:opacity-50"
        >
          Let it expire
        </button>
      </div>
    </form>
  );
}
