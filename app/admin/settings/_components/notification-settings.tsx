"use client";
// The owner's notifications: where alerts go, and the switches for the ones that can be turned off.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { NotificationSettings } from "@/lib/settings/save-notification-settings";

type Switch = "alertOnHold" | "alertNewOrder" | "alertEmailFailed" | "alertLowStockDigest";

const SWITCHES: { key: Switch; label: string; hint: string }[] = [
  { key: "alertOnHold", label: "Order put on hold", hint: "A paid order held for a stock shortfall, a payment that does not match, or an address outside the quoted country." },
  { key: "alertNewOrder", label: "New paid order", hint: "One email for every order that is paid." },
  { key: "alertEmailFailed", label: "Email that could not be delivered", hint: "A shopper's email the mail provider gave up on." },
  { key: "alertLowStockDigest", label: "Daily low-stock digest", hint: "Each morning: colourways running low, orders on hold, open disputes and failed emails. Not sent when there is nothing to say." },
];

export function NotificationSettingsForm({ initial, supportEmail }: { initial: NotificationSettings; supportEmail: string }) {
  const router = useRouter();
  const [alertEmail, setAlertEmail] = useState(initial.alertEmail ?? "");
  const [switches, setSwitches] = useState<Record<Switch, boolean>>({
    alertOnHold: initial.alertOnHold,
    alertNewOrder: initial.alertNewOrder,
    alertEmailFailed: initial.alertEmailFailed,
    alertLowStockDigest: initial.alertLowStockDigest,
  });
  const [waitlistFactor, setWaitlistFactor] = useState(String(initial.waitlistFactor));
  const [factorError, setFactorError] = useState("");
  const [emailError, setEmailError] = useState("");
  const [formError, setFormError] = useState("");
  const [status, setStatus] = useState("");
  const [isSaving, setIsSaving] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setIsSaving(true);
    setEmailError("");
    setFactorError("");
    setFormError("");
    setStatus("");
    try {
      const response = await fetch("/api/admin/settings/notifications", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ alertEmail, ...switches, waitlistFactor: Number(waitlistFactor) }),
      });
      const body = (await response.json().catch(() => null)) as
        | { notifications: NotificationSettings }
        | { error: { message: string; details?: { path: string; message: string }[] } }
        | null;
      if (response.ok && body && "notifications" in body) {
        setAlertEmail(body.notifications.alertEmail ?? "");
        setStatus(`Saved. Alerts go to ${body.notifications.alertEmail ?? supportEmail}.`);
        router.refresh();
        return;
      }
      const error = body && "error" in body ? body.error : null;
      const onEmail = error?.details?.find((detail) => detail.path === "alertEmail");
      const onFactor = error?.details?.find((detail) => detail.path === "waitlistFactor");
      if (onEmail) setEmailError(onEmail.message);
      else if (onFactor) setFactorError(onFactor.message);
      else setFormError(error?.message ?? "Could not save. Please try again.");
    } catch {
      setFormError("Could not reach the server. Check the connection and try again.");
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <div>
        <label htmlFor="notifications-email" className="block font-medium">
          Send alerts to
        </label>
        <input
          id="notifications-email"
          type="email"
          autoComplete="email"
          value={alertEmail}
          placeholder={supportEmail}
          onChange={(event) => setAlertEmail(event.target.value)}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={["notifications-email-hint", emailError ? "notifications-email-error" : null].filter(Boolean).join(" ")}
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600 sm:max-w-md"
        />
        <p id="notifications-email-hint" className="mt-1 text-sm text-stone-600">
          Leave it empty to use the support address ({supportEmail}).
        </p>
        {emailError ? (
          <p id="notifications-email-error" className="mt-1 text-sm text-red-700">
            {emailError}
          </p>
        ) : null}
      </div>

      <fieldset className="space-y-3">
        <legend className="font-medium">Email me about</legend>
        {SWITCHES.map(({ key, label, hint }) => (
          <div key={key} className="flex items-start gap-3">
            <input
              id={`notifications-${key}`}
              type="checkbox"
              checked={switches[key]}
              onChange={(event) => setSwitches((current) => ({ ...current, [key]: event.target.checked }))}
              aria-describedby={`notifications-${key}-hint`}
              className="mt-1 size-5 shrink-0 accent-brand-700"
            />
            <div>
              <label htmlFor={`notifications-${key}`}>{label}</label>
              <p id={`notifications-${key}-hint`} className="text-sm text-stone-600">
                {hint}
              </p>
            </div>
          </div>
        ))}
        <p className="text-sm text-stone-700">A dispute opened by a shopper&apos;s bank and a refund that failed are always emailed: money is leaving or at risk.</p>
      </fieldset>

      <div>
        <label htmlFor="notifications-waitlist-factor" className="block font-medium">
          Notify-me emails per skein
        </label>
        <input
          id="notifications-waitlist-factor"
          type="number"
          inputMode="numeric"
          min={1}
          max={20}
          step={1}
          value={waitlistFactor}
          onChange={(event) => setWaitlistFactor(event.target.value)}
          aria-invalid={factorError ? true : undefined}
          aria-describedby={["notifications-waitlist-factor-hint", factorError ? "notifications-waitlist-factor-error" : null].filter(Boolean).join(" ")}
          className="mt-1 block w-24 rounded-md border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600"
        />
        <p id="notifications-waitlist-factor-hint" className="mt-1 text-sm text-stone-600">
          When a sold-out colourway comes back, this many knitters on its waitlist are emailed for each free skein, first come first
          served (1 to 20). With 2 skeins and 3 here, 6 are emailed.
        </p>
        {factorError ? (
          <p id="notifications-waitlist-factor-error" className="mt-1 text-sm text-red-700">
            {factorError}
          </p>
        ) : null}
      </div>

      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={isSaving} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
          {isSaving ? "Saving…" : "Save notifications"}
        </button>
        <p role="status" className="text-sm text-stone-700">
          {status}
        </p>
      </div>
      {formError ? (
        <p role="alert" className="text-sm text-red-700">
          {formError}
        </p>
      ) : null}
    </form>
  );
}
