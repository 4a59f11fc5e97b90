"use client";
// A button that opens a confirmation dialog holding an action's fields; nothing happens until the owner confirms.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { AdminCallResult, FieldErrors } from "./post-admin-json";

export type ActionDialogProps = {
  buttonLabel: string;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  isDestructive?: boolean;
  /** The dialog's fields, given the errors the server reported for them. */
  fields?: (errors: FieldErrors, idPrefix: string) => ReactNode;
  submit: (form: FormData) => Promise<AdminCallResult<unknown>>;
  /** Said in the page's live region once the action succeeded. */
  successMessage: string;
  onSuccess?: (message: string) => void;
};

const buttonBase = "rounded-md px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-700 focus-visible:ring-offset-2";

export function ActionDialog(props: ActionDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const idPrefix = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  function open() {
    setErrors({});
    setMessage(null);
    dialog.current?.showModal();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await props.submit(new FormData(event.currentTarget));
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage(result.message);
      return;
    }
    dialog.current?.close();
    props.onSuccess?.(props.successMessage);
    router.refresh();
  }

  const titleId = `${idPrefix}-title`;
  const messageId = `${idPrefix}-message`;
  return (
    <>
      <button
        type="button"
        onClick={open}
        className={`${buttonBase} ${props.isDestructive ? "border border-red-700 bg-white text-red-800 hover:bg-red-50" : "border border-stone-300 bg-white text-stone-900 hover:bg-stone-50"}`}
      >
        {props.buttonLabel}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/40"
      >
        <form onSubmit={onSubmit} noValidate className="space-y-4 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {props.title}
          </h2>
          {props.description ? <div className="text-sm text-stone-700">{props.description}</div> : null}
          {props.fields?.(errors, idPrefix)}
          <p id={messageId} role="alert" className="min-h-5 text-sm text-red-700">
            {message}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" onClick={() => dialog.current?.close()} className={`${buttonBase} border border-stone-300 bg-white hover:bg-stone-50`}>
              Go back
            </button>
            <button
              type="submit"
              disabled={isPending}
              className={`${buttonBase} text-white disabled:opacity-60 ${props.isDestructive ? "bg-red-700 hover:bg-red-800" : "bg-brand-700 hover:bg-brand-900"}`}
            >
              {isPending ? "Working…" : props.confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
