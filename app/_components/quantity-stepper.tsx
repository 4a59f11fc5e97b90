"use client";
// A labelled quantity field with − and + buttons; whole numbers between min and max only.
import { useState } from "react";

type QuantityStepperProps = {
  id: string;
  label: string;
  /** Visually hide the label (the cart's rows name the product elsewhere). */
  hideLabel?: boolean;
  value: number;
  min: number;
  max: number;
  disabled?: boolean;
  onChange: (quantity: number) => void;
  /** Told when a typed number above `max` was lowered to it, so the page can say so. */
  onLowered?: (wanted: number, quantity: number) => void;
  testId?: string;
};

export function QuantityStepper({ id, label, hideLabel = false, value, min, max, disabled = false, onChange, onLowered, testId }: QuantityStepperProps) {
  // What the shopper is typing; committed on blur or Enter so "1" → "12" is not two changes.
  const [draft, setDraft] = useState(String(value));
  // A new value from outside (the server's answer, another tab) replaces the draft, adjusted during
  // render rather than in an effect so the field never shows the stale number for a frame.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setDraft(String(value));
  }

  const commit = (text: string) => {
    const parsed = Number.parseInt(text, 10);
    if (!Number.isFinite(parsed)) {
      setDraft(String(value));
      return;
    }
    const clamped = Math.min(Math.max(parsed, min), Math.max(min, max));
    setDraft(String(clamped));
    if (clamped !== value) onChange(clamped);
    // After the change, so what the page says about the lowering outlasts what the change clears.
    if (parsed > clamped) onLowered?.(parsed, clamped);
  };

  // "Quantity of Merino Sock" → "Decrease quantity of Merino Sock": names keep their capitals.
  const lowered = label.charAt(0).toLowerCase() + label.slice(1);
  const buttonClass =
    "flex h-10 w-10 items-center justify-center text-lg text-stone-700 hover:bg-stone-100 disabled:cursor-not-allowed disabled:text-stone-300 disabled:hover:bg-transparent";
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-sm font-medium text-stone-800"}>
        {label}
      </label>
      <div className="inline-flex w-fit items-center overflow-hidden rounded-lg border border-stone-300 bg-white shadow-sm">
        <button
          type="button"
          className={buttonClass}
          aria-label={`Decrease ${lowered}`}
          aria-controls={id}
          disabled={disabled || value <= min}
          onClick={() => onChange(Math.max(min, value - 1))}
          data-testid={testId ? `${testId}-decrease` : undefined}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={Math.max(min, max)}
          step={1}
          value={draft}
          disabled={disabled}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={(event) => commit(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              commit(event.currentTarget.value);
            }
          }}
          className="h-10 w-14 border-x border-stone-300 text-center tabular-nums [appearance:textfield] disabled:bg-stone-50 disabled:text-stone-400 [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none"
          data-testid={testId}
        />
        <button
          type="button"
          className={buttonClass}
          aria-label={`Increase ${lowered}`}
          aria-controls={id}
          disabled={disabled || value >= max}
          onClick={() => onChange(Math.min(max, value + 1))}
          data-testid={testId ? `${testId}-increase` : undefined}
        >
          +
        </button>
      </div>
    </div>
  );
}
