"use client";
// "Retry now" for a failed email: asks first, then makes it due again through the admin API and refreshes the page.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";

type Outcome = { kind: "idle" } | { kind: "done" } | { kind: "error"; message: string };

export function RetryEmailButton({ emailId, recipient }: { emailId: number; recipient: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [isPending, startTransition] = useTransition();
  const titleId = useId();
  const statusId = useId();

  async function retry() {
    dialog.current?.close();
    setOutcome({ kind: "idle" });
    startTransition(async () => {
      try {
        const response = await fetch(`/api/admin/emails/${emailId}/retry`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          setOutcome({ kind: "error", message: body?.error?.message ?? "The email could not be queued again. Please try once more." });
          return;
        }
        setOutcome({ kind: "done" });
        router.refresh();
      } catch {
        setOutcome({ kind: "error", message: "The shop did not answer. Check your connection and try again." });
      }
    });
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        disabled={isPending}
        aria-describedby={outcome.kind === "idle" ? undefined : statusId}
        className="inline-flex min-h-10 items-center rounded-lg border border-brand-700 bg-white px-3 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      >
        {isPending ? "Retrying…" : "Retry now"}
      </button>
      <p id={statusId} role="status" className={`text-sm ${outcome.kind === "error" ? "text-red-700" : "text-stone-700"}`}>
        {outcome.kind === "done" ? "Queued again: it will be sent in a moment." : outcome.kind === "error" ? outcome.message : ""}
      </p>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 backdrop:bg-stone-900/40">
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="font-semibold">
            Send this email again?
          </h2>
          <p className="break-words text-sm text-stone-700">
            It goes to {recipient} with the same content, and is tried up to eight times again if the provider keeps failing.
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="inline-flex min-h-10 items-center rounded-lg border border-stone-300 bg-white px-3 text-sm font-medium hover:bg-stone-50"
            >
              Cancel
            </button>
            <button
              type="button"
              onClick={retry}
              className="inline-flex min-h-10 items-center rounded-lg bg-brand-700 px-3 text-sm font-semibold text-white hover:bg-brand-900"
            >
              Retry now
            </button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
