"use client";
// The owner's maintenance controls: close the storefront now, the message shoppers see, and a scheduled window.
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import type { MaintenanceView } from "@/lib/maintenance/maintenance-view";

type FieldErrors = Partial<Record<"message" | "startsAt" | "endsAt" | "form", string>>;

const FIELD_OF_PATH: Record<string, keyof FieldErrors> = {
  message: "message",
  "window.startsAt": "startsAt",
  "window.endsAt": "endsAt",
};

/** A shop-time wall clock (`2099-06-01T10:00`) as "1 Jun 2099, 10:00"; it is already local, so format it as UTC. */
function formatWallTime(wallTime: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(`${wallTime}:00.000Z`));
}

const inputClass =
  "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600 sm:max-w-xs";

export function MaintenanceSettings({ initial }: { initial: MaintenanceView }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [saved, setSaved] = useState(initial);
  const [enabled, setEnabled] = useState(initial.enabled);
  const [message, setMessage] = useState(initial.message);
  const [hasWindow, setHasWindow] = useState(initial.window !== null);
  const [startsAt, setStartsAt] = useState(initial.window?.startsAt ?? "");
  const [endsAt, setEndsAt] = useState(initial.window?.endsAt ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState("");
  const [isSaving, setIsSaving] = useState(false);

  async function save() {
    setIsSaving(true);
    setErrors({});
    setStatus("");
    try {
      const response = await fetch("/api/admin/settings/maintenance", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ enabled, message, window: hasWindow ? { startsAt, endsAt } : null }),
      });
      const body = (await response.json().catch(() => null)) as
        | { maintenance: MaintenanceView }
        | { error: { message: string; details?: { path: string; message: string }[] } }
        | null;
      if (response.ok && body && "maintenance" in body) {
        setSaved(body.maintenance);
        setStatus(body.maintenance.isClosedNow ? "Saved. The storefront is closed to shoppers." : "Saved. The storefront is open.");
        router.refresh();
        return;
      }
      const next: FieldErrors = {};
      const error = body && "error" in body ? body.error : null;
      for (const detail of error?.details ?? []) {
        const field = FIELD_OF_PATH[detail.path];
        if (field) next[field] = detail.message.charAt(0).toUpperCase() + detail.message.slice(1);
      }
      if (Object.keys(next).length === 0) next.form = error?.message ?? "Could not save. Please try again.";
      setErrors(next);
    } catch {
      setErrors({ form: "Could not reach the server. Check the connection and try again." });
    } finally {
      setIsSaving(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // Closing the shop turns shoppers away at once: ask before doing it.
    if (enabled && !saved.enabled) dialog.current?.showModal();
    else void save();
  }

  const describedBy = (field: keyof FieldErrors, hint?: string) => [hint, errors[field] ? `maintenance-${field}-error` : null].filter(Boolean).join(" ") || undefined;
  const fieldError = (field: keyof FieldErrors) =>
    errors[field] ? (
      <p id={`maintenance-${field}-error`} className="mt-1 text-sm text-red-700">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <div className={`rounded-md px-3 py-2 text-sm ${saved.isClosedNow ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-900"}`}>
        <p className="font-medium">
          {saved.isClosedNow ? "The storefront is closed to shoppers right now. You can still browse it while signed in." : "The storefront is open."}
        </p>
        {saved.window ? (
          <p className="mt-1">
            Scheduled to close from {formatWallTime(saved.window.startsAt)} until {formatWallTime(saved.window.endsAt)} (shop time).
          </p>
        ) : null}
        <p className="mt-1">
          <a href="/maintenance" target="_blank" rel="noopener" className="underline underline-offset-2">
            See the page shoppers get while it is closed
          </a>{" "}
          (opens in a new tab; save a new message first).
        </p>
      </div>

      <div className="flex items-start gap-3">
        <input
          id="maintenance-enabled"
          type="checkbox"
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
          aria-describedby="maintenance-enabled-hint"
          className="mt-1 size-5 accent-brand-700"
        />
        <div>
          <label htmlFor="maintenance-enabled" className="font-medium">
            Close the storefront now (maintenance mode)
          </label>
          <p id="maintenance-enabled-hint" className="text-sm text-stone-600">
            Shoppers see the message below. The admin, payments already under way, and scheduled jobs keep working.
          </p>
        </div>
      </div>

      <div>
        <label htmlFor="maintenance-message" className="block font-medium">
          Message for shoppers
        </label>
        <textarea
          id="maintenance-message"
          rows={3}
          maxLength={500}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={describedBy("message", "maintenance-message-hint")}
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600"
        />
        <p id="maintenance-message-hint" className="mt-1 text-sm text-stone-600">
          {message.length}/500 characters
        </p>
        {fieldError("message")}
      </div>

      <fieldset className="space-y-3">
        <legend className="font-medium">Scheduled window</legend>
        <div className="flex items-start gap-3">
          <input
            id="maintenance-has-window"
            type="checkbox"
            checked={hasWindow}
            onChange={(event) => setHasWindow(event.target.checked)}
            className="mt-1 size-5 accent-brand-700"
          />
          <label htmlFor="maintenance-has-window">
            Close the storefront by itself between two times (shop time, {initial.timeZone})
          </label>
        </div>
        {hasWindow ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="maintenance-starts-at" className="block text-sm font-medium">
                Closes at
              </label>
              <input
                id="maintenance-starts-at"
                type="datetime-local"
                value={startsAt}
                onChange={(event) => setStartsAt(event.target.value)}
                aria-invalid={errors.startsAt ? true : undefined}
                aria-describedby={describedBy("startsAt")}
                className={inputClass}
              />
              {fieldError("startsAt")}
            </div>
            <div>
              <label htmlFor="maintenance-ends-at" className="block text-sm font-medium">
                Opens again at
              </label>
              <input
                id="maintenance-ends-at"
                type="datetime-local"
                value={endsAt}
                onChange={(event) => setEndsAt(event.target.value)}
                aria-invalid={errors.endsAt ? true : undefined}
                aria-describedby={describedBy("endsAt")}
                className={inputClass}
              />
              {fieldError("endsAt")}
            </div>
          </div>
        ) : null}
      </fieldset>

      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={isSaving}
          className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {isSaving ? "Saving…" : "Save maintenance settings"}
        </button>
        <p role="status" className="text-sm text-stone-700">
          {status}
        </p>
      </div>
      {errors.form ? (
        <p role="alert" className="text-sm text-red-700">
          {errors.form}
        </p>
      ) : null}

      <dialog
        ref={dialog}
        aria-labelledby="maintenance-confirm-title"
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-stone-200 p-6 backdrop:bg-stone-900/40"
      >
        <h3 id="maintenance-confirm-title" className="font-serif text-xl font-semibold text-brand-900">
          Close the storefront now?
        </h3>
        <p className="mt-2 text-stone-700">Shoppers will see your message instead of the shop until you open it again.</p>
        <div className="mt-6 flex flex-wrap justify-end gap-3">
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100"
          >
            Cancel
          </button>
          <button
            type="button"
            onClick={() => {
              dialog.current?.close();
              void save();
            }}
            className="rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800"
          >
            Close the storefront
          </button>
        </div>
      </dialog>
    </form>
  );
}
