"use client";
// A button for a destructive admin action: it asks first, then calls the API and refreshes the page.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callAdminApi } from "./admin-api";
import { ModalDialog } from "./modal-dialog";
import { primaryButtonClass, secondaryButtonClass } from "./form-field";

type ConfirmActionButtonProps = {
  label: string;
  /** Names the thing acted on, for screen readers ("Deactivate SPRING10"). */
  accessibleLabel: string;
  title: string;
  message: string;
  confirmLabel: string;
  url: string;
  method?: string;
  /** Where to go once done (the thing may no longer exist); otherwise the page refreshes. */
  redirectTo?: string;
};

export function ConfirmActionButton({ label, accessibleLabel, title, message, confirmLabel, url, method = "POST", redirectTo }: ConfirmActionButtonProps) {
  const id = useId();
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function confirm() {
    setIsBusy(true);
    const result = await callAdminApi(url, { method });
    setIsBusy(false);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setIsOpen(false);
    if (redirectTo) router.push(redirectTo);
    router.refresh();
  }

  return (
    <>
      <button type="button" aria-label={accessibleLabel} onClick={() => { setProblem(null); setIsOpen(true); }} className="text-sm font-medium text-red-700 underline underline-offset-2">
        {label}
      </button>
      <ModalDialog open={isOpen} onClose={() => setIsOpen(false)} labelledBy={`${id}-title`}>
        <h2 id={`${id}-title`} className="font-serif text-xl font-semibold text-brand-900">
          {title}
        </h2>
        <p className="mt-2 text-sm text-stone-700">{message}</p>
        {problem ? (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {problem}
          </p>
        ) : null}
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <button type="button" className={secondaryButtonClass} onClick={() => setIsOpen(false)}>
            Cancel
          </button>
          <button type="button" className={primaryButtonClass} onClick={confirm} disabled={isBusy}>
            {isBusy ? "Working…" : confirmLabel}
          </button>
        </div>
      </ModalDialog>
    </>
  );
}
