// A labelled form control with its hint and error text tied to it (aria-describedby), as every admin form needs.
import type { ReactNode } from "react";

export const inputClass =
  "mt-1 block w-full min-w-0 rounded-md border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600";
export const primaryButtonClass = "rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
export const secondaryButtonClass = "rounded-md border border-stone-300 bg-white px-4 py-2 font-medium text-stone-800 hover:bg-stone-50 disabled:opacity-60";

export type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby": string };

type FieldProps = {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  /** Renders the control with the id and ARIA attributes that tie it to the label, hint and error. */
  children: (control: ControlProps) => ReactNode;
  className?: string;
};

export function Field({ id, label, error, hint, children, className }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      <p id={`${id}-error`} className="mt-1 min-h-5 text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}

export function FormProblem({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
