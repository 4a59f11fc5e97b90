"use client";
// The discount code field: type a code and apply it, or remove the applied one; refusals are announced beside it.
import { useState } from "react";

type DiscountFieldProps = {
  idPrefix: string;
  appliedCode: string | null;
  error: string | null;
  isBusy: boolean;
  onApply: (code: string) => Promise<boolean>;
  onRemove: () => void;
  onClearError: () => void;
};

export function DiscountField({ idPrefix, appliedCode, error, isBusy, onApply, onRemove, onClearError }: DiscountFieldProps) {
  const [codeInput, setCodeInput] = useState("");
  const errorId = `${idPrefix}-discount-error`;

  async function apply() {
    if (await onApply(codeInput.trim())) setCodeInput("");
  }

  return (
    <fieldset className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <legend className="px-1 font-semibold">Discount code</legend>
      {appliedCode ? (
        <p className="flex items-center justify-between gap-3 text-sm">
          <span>
            <span className="font-mono font-semibold">{appliedCode}</span> applied
          </span>
          <button type="button" onClick={onRemove} className="text-brand-700 underline underline-offset-2">
            Remove
          </button>
        </p>
      ) : (
        <div className="flex gap-2">
          <label htmlFor={`${idPrefix}-code`} className="sr-only">
            Discount code
          </label>
          <input
            id={`${idPrefix}-code`}
            name="discountCode"
            value={codeInput}
            onChange={(event) => {
              setCodeInput(event.target.value);
              if (error) onClearError();
            }}
            onKeyDown={(event) => {
              // Enter in the code field applies the code rather than submitting the whole checkout.
              if (event.key === "Enter") {
                event.preventDefault();
                void apply();
              }
            }}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            // Neutral on purpose: an example here would advertise a real code to everyone who checks out.
            placeholder="Code"
            className="block w-full rounded-md border border-stone-300 px-3 py-2 uppercase placeholder:normal-case"
          />
          <button
            type="button"
            onClick={() => void apply()}
            disabled={isBusy}
            className="shrink-0 rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-50"
          >
            Apply
          </button>
        </div>
      )}
      <p id={errorId} aria-live="polite" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
    </fieldset>
  );
}
