"use client";
// The bulk "Adjust stock" dialog: what to do (mode, units, reason, note), then every affected variant
// with before → after, and only then the change. A refusal because stock moved shows what moved.
import { useId, useState } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { ModalDialog } from "@/app/admin/_components/modal-dialog";
import { BULK_MODE_LABELS, BULK_MODES, stockAfter, type BulkMode } from "@/lib/inventory/stock-after";

/** A variant the adjustment will touch, with the stock the owner saw (sent as `expectedStock`). */
export type AdjustTarget = {
  variantId: number;
  sku: string;
  productName: string;
  variantName: string;
  stock: number;
  /** Its own counted quantity (a CSV line); otherwise the dialog's quantity applies. */
  quantity?: number;
};

export type ReasonOption = { value: string; label: string };

type StaleVariant = { variantId: number; sku: string; expectedStock: number; currentStock: number };
type AppliedResult = { batch: string; changes: { variantId: number }[]; unchangedVariantIds: number[] };

type AdjustStockDialogProps = {
  open: boolean;
  onClose: () => void;
  targets: AdjustTarget[];
  reasons: ReasonOption[];
  /** A CSV count: the mode is `set` and every target carries its own quantity. */
  isCount?: boolean;
  defaultNote?: string;
  onApplied: (message: string) => void;
};

const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600";
const primaryButton = "rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
const secondaryButton = "rounded-md border border-stone-300 bg-white px-4 py-2 font-medium text-stone-800 hover:bg-stone-50";

export function AdjustStockDialog({ open, onClose, targets: initialTargets, reasons, isCount = false, defaultNote = "", onApplied }: AdjustStockDialogProps) {
  const id = useId();
  const [step, setStep] = useState<"form" | "review">("form");
  const [targets, setTargets] = useState(initialTargets);
  const [mode, setMode] = useState<BulkMode>(isCount ? "set" : "increment");
  const [quantityText, setQuantityText] = useState("");
  const [reason, setReason] = useState(isCount ? "cycle_count" : "received");
  const [note, setNote] = useState(defaultNote);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [moved, setMoved] = useState<StaleVariant[]>([]);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const quantity = Number(quantityText);
  const plan = targets.map((target) => {
    const units = target.quantity ?? quantity;
    return { ...target, after: stockAfter(mode, target.stock, units) };
  });
  const short = plan.filter((row) => row.after < 0);

  function review() {
    const found: Record<string, string> = {};
    if (!isCount && (quantityText.trim() === "" || !Number.isInteger(quantity) || quantity < 0)) {
      found.quantity = "Enter a whole number of units, zero or more.";
    }
    setErrors(found);
    if (Object.keys(found).length === 0) {
      setProblem(null);
      setStep("review");
    }
  }

  async function confirm() {
    setIsSubmitting(true);
    setProblem(null);
    const result = await callAdminApi<AppliedResult>("/api/admin/inventory/bulk", {
      method: "POST",
      body: {
        mode,
        ...(isCount ? {} : { quantity }),
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
        items: targets.map((target) => ({
          variantId: target.variantId,
          expectedStock: target.stock,
          ...(target.quantity === undefined ? {} : { quantity: target.quantity }),
        })),
      },
    });
    setIsSubmitting(false);
    if (result.ok) {
      const changed = result.data.changes.length;
      onApplied(`Stock adjusted for ${changed} ${changed === 1 ? "variant" : "variants"}${result.data.unchangedVariantIds.length ? ` (${result.data.unchangedVariantIds.length} already at that number)` : ""}.`);
      return;
    }
    const { error } = result;
    if (error.code === "stale_stock") {
      // Someone sold or adjusted meanwhile: show what moved, and review again from the stock as it is now.
      const variants = (error.details as { variants: StaleVariant[] }).variants;
      const now = new Map(variants.map((variant) => [variant.variantId, variant.currentStock]));
      setMoved(variants);
      setTargets((current) => current.map((target) => ({ ...target, stock: now.get(target.variantId) ?? target.stock })));
      setProblem("Stock changed while you were looking, so nothing was adjusted. The numbers below are updated; check them and confirm again.");
      return;
    }
    if (error.code === "validation_error") {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      setStep("form");
      setProblem(Object.values(fields)[0] ?? error.message);
      return;
    }
    setProblem(error.message);
  }

  const headingId = `${id}-heading`;
  return (
    <ModalDialog open={open} onClose={onClose} labelledBy={headingId} wide={step === "review"}>
      <h2 id={headingId} className="font-serif text-xl font-semibold text-brand-900">
        {step === "form" ? (isCount ? "Apply stock count" : "Adjust stock") : "Confirm stock changes"}
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        {targets.length} {targets.length === 1 ? "variant" : "variants"} selected.
      </p>

      {step === "form" ? (
        <form
          className="mt-4 space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            review();
          }}
        >
          {isCount ? (
            <p className="text-sm text-stone-700">Each variant is set to the quantity counted in the file.</p>
          ) : (
            <>
              <fieldset>
                <legend className="text-sm font-medium text-stone-800">Change</legend>
                <div className="mt-2 space-y-2">
                  {BULK_MODES.map((option) => (
                    <label key={option} className="flex items-center gap-2 text-sm">
                      <input type="radio" name="mode" value={option} checked={mode === option} onChange={() => setMode(option)} className="size-4" />
                      {BULK_MODE_LABELS[option]}
                    </label>
                  ))}
                </div>
              </fieldset>
              <div>
                <label htmlFor={`${id}-quantity`} className="block text-sm font-medium text-stone-800">
                  {mode === "set" ? "New stock" : "Units"}
                </label>
                <input
                  id={`${id}-quantity`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  value={quantityText}
                  onChange={(event) => setQuantityText(event.target.value)}
                  aria-invalid={errors.quantity ? true : undefined}
                  aria-describedby={`${id}-quantity-error`}
                  className={inputClass}
                />
                <p id={`${id}-quantity-error`} className="mt-1 min-h-5 text-sm text-red-700">
                  {errors.quantity}
                </p>
              </div>
            </>
          )}
          <div>
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-stone-800">
              Reason
            </label>
            <select id={`${id}-reason`} value={reason} onChange={(event) => setReason(event.target.value)} className={inputClass}>
              {reasons.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-note`} className="block text-sm font-medium text-stone-800">
              Note <span className="font-normal text-stone-600">(optional)</span>
            </label>
            <textarea
              id={`${id}-note`}
              value={note}
              maxLength={500}
              rows={2}
              onChange={(event) => setNote(event.target.value)}
              aria-invalid={errors.note ? true : undefined}
              aria-describedby={`${id}-note-error`}
              className={inputClass}
            />
            <p id={`${id}-note-error`} className="mt-1 min-h-5 text-sm text-red-700">
              {errors.note}
            </p>
          </div>
          {problem ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {problem}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={secondaryButton} onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className={primaryButton}>
              Review changes
            </button>
          </div>
        </form>
      ) : (
        <div className="mt-4 space-y-4">
          {problem ? (
            <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <p>{problem}</p>
              {moved.length > 0 ? (
                <ul className="mt-2 list-disc space-y-1 pl-5">
                  {moved.map((variant) => (
                    <li key={variant.variantId}>
                      {variant.sku}: you saw {variant.expectedStock}, it is now {variant.currentStock}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Stock before and after, per variant</caption>
            <thead className="border-b border-stone-200 text-stone-600">
              <tr>
                <th scope="col" className="py-2 pr-2 font-medium">
                  Variant
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Before → after
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {plan.map((row) => (
                <tr key={row.variantId} data-testid="adjust-preview-row">
                  <td className="py-2 pr-2 align-top">
                    <span className="block font-medium">{row.productName}</span>
                    <span className="block text-stone-600">
                      {row.variantName} · {row.sku}
                    </span>
                  </td>
                  <td className={`py-2 text-right align-top tabular-nums ${row.after < 0 ? "font-semibold text-red-700" : ""}`}>
                    {row.stock} → {row.after}
                    {row.after < 0 ? <span className="block text-xs">not enough stock</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {short.length > 0 ? (
            <p className="text-sm text-red-700">
              {short.length} {short.length === 1 ? "variant does" : "variants do"} not have enough units: go back and change the quantity or the selection.
            </p>
          ) : null}
          <div className="sticky bottom-0 flex flex-wrap justify-end gap-2 bg-white pt-2">
            <button type="button" className={secondaryButton} onClick={() => setStep("form")} disabled={isSubmitting}>
              Back
            </button>
            <button type="button" className={primaryButton} onClick={confirm} disabled={isSubmitting || short.length > 0}>
              {isSubmitting ? "Saving…" : `Confirm ${plan.length} ${plan.length === 1 ? "change" : "changes"}`}
            </button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}
