"use client";
// Asks for the order's email when the visitor has no (valid) link; errors are announced to screen readers.
import { useActionState } from "react";
import { lookupOrder, type OrderLookupState } from "./actions";

const initialState: OrderLookupState = { error: null, email: "" };

export function OrderLookupForm({ orderNumber }: { orderNumber: string }) {
  const [state, formAction, isPending] = useActionState(lookupOrder, initialState);
  return (
    <form action={formAction} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="orderNumber" value={orderNumber} />
      <div>
        <label htmlFor="order-email" className="block text-sm font-medium text-stone-800">
          Email address used at checkout
        </label>
        <input
          id="order-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={state.error ? true : undefined}
          aria-describedby="order-email-error"
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none"
        />
        {/* Present from the first render: a live region must exist before its text changes to be announced. */}
        <p id="order-email-error" aria-live="polite" className="mt-2 min-h-5 text-sm text-red-700">
          {state.error}
        </p>
      </div>
      <button
        type="submit"
        disabled={isPending}
        className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-900 disabled:opacity-60 sm:w-auto"
      >
        {isPending ? "Looking up your order…" : "View order"}
      </button>
    </form>
  );
}
