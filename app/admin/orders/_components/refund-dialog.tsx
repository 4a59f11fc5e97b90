"use client";
// The refund dialog: starts empty, fills from a preset or per-line quantities, asks for a reason, then confirms the amount before any money moves.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import type { RefundableLine } from "@/lib/orders/refund-order";
import { Field, inputClass } from "../../_components/form-field";
import { postAdminJson, type FieldErrors } from "./post-admin-json";

export type RefundDialogProps = {
  orderId: number;
  orderNumber: string;
  currency: string;
  refundable: number;
  shippingRefund: number;
  lines: RefundableLine[];
  onSuccess: (message: string) => void;
};

const REASONS = [
  { value: "requested_by_customer", label: "Requested by customer" },
  { value: "duplicate", label: "Duplicate payment" },
  { value: "fraudulent", label: "Fraudulent" },
  { value: "other", label: "Other (say why in a note)" },
] as const;

const buttonBase = "rounded-md px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-700 focus-visible:ring-offset-2";
const plainButton = `${buttonBase} border border-stone-300 bg-white text-stone-900 hover:bg-stone-50`;

/** "12.50" or "12" → 1250 pence; anything else is null so the form can say so. */
function parseAmount(value: string): number | null {
  const match = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

type LineChoice = { quantity: number; restock: boolean };

export function RefundDialog(props: RefundDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const id = useId();
  const money = (minor: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: props.currency }).format(minor / 100);
  const [amountText, setAmountText] = useState("");
  const [choices, setChoices] = useState<Record<number, LineChoice>>({});
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState<number | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  const chosenLines = props.lines.filter((line) => (choices[line.orderItemId]?.quantity ?? 0) > 0);
  const linesValue = chosenLines.reduce((sum, line) => sum + line.unitPrice * choices[line.orderItemId]!.quantity, 0);
  const isByLines = chosenLines.length > 0;

  function reset() {
    setAmountText("");
    setChoices({});
    setReason("");
    setNote("");
    setConfirming(null);
    setErrors({});
    setMessage(null);
  }

  function open() {
    reset();
    dialog.current?.showModal();
  }

  function preset(amount: number) {
    setChoices({});
    setAmountText((amount / 100).toFixed(2));
  }

  function setLine(orderItemId: number, change: Partial<LineChoice>) {
    setChoices((current) => ({ ...current, [orderItemId]: { quantity: 0, restock: true, ...current[orderItemId], ...change } }));
  }

  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    const amount = isByLines ? linesValue : parseAmount(amountText);
    if (amount === null || amount <= 0) found.amount = "Choose a preset or items, or enter an amount such as 12.50.";
    else if (amount > props.refundable) found.amount = `At most ${money(props.refundable)} can be refunded.`;
    if (!reason) found.reason = "Choose a reason.";
    if (reason === "other" && !note.trim()) found.note = "Say why in a note when the reason is Other.";
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length === 0 && amount !== null) setConfirming(amount);
  }

  async function confirm() {
    if (confirming === null) return;
    setPending(true);
    const result = await postAdminJson(`/api/admin/orders/${props.orderId}/refund`, {
      amount: confirming,
      reason,
      note: note.trim() || null,
      ...(isByLines
        ? { lines: chosenLines.map((line) => ({ orderItemId: line.orderItemId, quantity: choices[line.orderItemId]!.quantity, restock: choices[line.orderItemId]!.restock })) }
        : {}),
    });
    setPending(false);
    if (!result.ok) {
      setConfirming(null);
      setErrors(result.fieldErrors);
      setMessage(result.message);
      return;
    }
    dialog.current?.close();
    props.onSuccess(`${money(confirming)} refunded.`);
    router.refresh();
  }

  const titleId = `${id}-title`;
  return (
    <>
      <button type="button" onClick={open} className={`${buttonBase} border border-red-700 bg-white text-red-800 hover:bg-red-50`}>
        Refund
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto max-h-[calc(100dvh-2rem)] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/40"
      >
        {confirming === null ? (
          <form onSubmit={review} noValidate className="space-y-4 p-5">
            <h2 id={titleId} className="text-lg font-semibold">
              Refund {props.orderNumber}
            </h2>
            <p className="text-sm text-stone-700">
              Up to {money(props.refundable)} can be refunded. The money goes back to the shopper&apos;s card and cannot be taken again.
            </p>

            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-stone-800">Start from</legend>
              <div className="flex flex-wrap gap-2">
                <button type="button" className={plainButton} onClick={() => preset(props.refundable)}>
                  Whole order ({money(props.refundable)})
                </button>
                {props.shippingRefund > 0 ? (
                  <button type="button" className={plainButton} onClick={() => preset(props.shippingRefund)}>
                    Shipping only ({money(props.shippingRefund)})
                  </button>
                ) : null}
              </div>
            </fieldset>

            <fieldset>
              <legend className="text-sm font-medium text-stone-800">Or choose items</legend>
              <ul className="mt-1 divide-y divide-stone-100">
                {props.lines.map((line) => {
                  const left = line.ordered - line.refunded;
                  const choice = choices[line.orderItemId] ?? { quantity: 0, restock: true };
                  const quantityId = `${id}-qty-${line.orderItemId}`;
                  const restockId = `${id}-restock-${line.orderItemId}`;
                  return (
                    <li key={line.orderItemId} className="grid grid-cols-[minmax(0,1fr)_5rem] items-center gap-x-3 gap-y-1 py-2 text-sm">
                      <label htmlFor={quantityId}>
                        {line.productName} <span className="text-stone-600">{line.variantName}</span>
                        <span className="block text-xs text-stone-600">
                          {money(line.unitPrice)} each · {left} of {line.ordered} left to refund
                        </span>
                      </label>
                      <input
                        id={quantityId}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={left}
                        disabled={left === 0}
                        value={choice.quantity}
                        onChange={(event) => setLine(line.orderItemId, { quantity: Math.max(0, Math.min(left, Math.trunc(Number(event.target.value) || 0))) })}
                        className={`${inputClass} mt-0 text-right`}
                      />
                      {choice.quantity > 0 ? (
                        <div className="col-span-2 flex items-center gap-2">
                          <input
                            id={restockId}
                            type="checkbox"
                            checked={choice.restock}
                            onChange={(event) => setLine(line.orderItemId, { restock: event.target.checked })}
                            className="size-4"
                          />
                          <label htmlFor={restockId}>Put {choice.quantity === 1 ? "it" : "them"} back in stock</label>
                        </div>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </fieldset>

            <Field
              id={`${id}-amount`}
              label={`Amount (${props.currency})`}
              hint={isByLines ? "Worked out from the items you chose." : undefined}
              error={errors.amount}
            >
              {(control) => (
                <input
                  name="amount"
                  inputMode="decimal"
                  autoComplete="off"
                  readOnly={isByLines}
                  value={isByLines ? (linesValue / 100).toFixed(2) : amountText}
                  onChange={(event) => setAmountText(event.target.value)}
                  {...control}
                  className={`${inputClass} read-only:bg-stone-100`}
                />
              )}
            </Field>
            <Field id={`${id}-reason`} label="Reason" error={errors.reason}>
              {(control) => (
                <select name="reason" value={reason} onChange={(event) => setReason(event.target.value)} {...control} className={inputClass}>
                  <option value="">Choose a reason</option>
                  {REASONS.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id={`${id}-note`}
              label={reason === "other" ? "Note" : "Note (optional)"}
              hint="For you only: it is kept with the refund, never shown to the shopper."
              error={errors.note}
            >
              {(control) => <textarea name="note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} {...control} className={inputClass} />}
            </Field>

            <p role="alert" className="min-h-5 text-sm text-red-700">
              {message}
            </p>
            <div className="flex flex-wrap justify-end gap-2">
              <button type="button" onClick={() => dialog.current?.close()} className={plainButton}>
                Go back
              </button>
              <button type="submit" className={`${buttonBase} bg-red-700 text-white hover:bg-red-800`}>
                Review refund
              </button>
            </div>
          </form>
        ) : (
          <div className="space-y-4 p-5">
            <h2 id={titleId} className="text-lg font-semibold">
              Refund {money(confirming)}?
            </h2>
            <p className="text-sm text-stone-700">
              {money(confirming)} goes back to the shopper&apos;s card for order {props.orderNumber}
              {isByLines ? `, covering ${chosenLines.map((line) => `${choices[line.orderItemId]!.quantity} × ${line.productName}`).join(", ")}` : ""}. This cannot be undone.
            </p>
            <div className="flex flex-wrap justify-end gap-2">
              <button type="button" onClick={() => setConfirming(null)} className={plainButton}>
                Change
              </button>
              <button type="button" disabled={isPending} onClick={confirm} className={`${buttonBase} bg-red-700 text-white hover:bg-red-800 disabled:opacity-60`}>
                {isPending ? "Refunding…" : `Refund ${money(confirming)}`}
              </button>
            </div>
          </div>
        )}
      </dialog>
    </>
  );
}
