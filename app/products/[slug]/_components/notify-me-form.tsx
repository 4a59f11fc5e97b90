"use client";
// "Email me when it's back": the notify-me sign-up for one sold-out (or not yet released) colourway, with its own consent tick.
import { useId, useState } from "react";
import { fetchJson } from "@/app/_components/fetch-json";

type NotifyMeFormProps = {
  variantId: number;
  /** The colourway's name as the shopper sees it ("Heather / 4ply"). */
  colourway: string;
  /** `announced`: in a shop update that is not live yet; `sold_out`: nothing left to buy. */
  reason?: "sold_out" | "announced";
};

type Outcome = { kind: "idle" } | { kind: "done"; email: string } | { kind: "error"; message: string; field: "email" | "consent" | null };

type FieldProblem = { path?: string; message?: string };

function fieldOf(details: unknown): { field: "email" | "consent"; message: string } | null {
  if (!Array.isArray(details)) return null;
  const first = (details as FieldProblem[]).find((detail) => detail.path === "email" || detail.path === "consent");
  return first?.path && first.message ? { field: first.path as "email" | "consent", message: first.message } : null;
}

/**
 * Self-contained: keyed by the colourway where it is rendered, so picking another starts afresh.
 * The consent tick is its own (never the marketing one) and must be ticked by the shopper; the
 * answer is announced in a live region that exists before it changes.
 */
export function NotifyMeForm({ variantId, colourway, reason = "sold_out" }: NotifyMeFormProps) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [hasConsent, setHasConsent] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });

  const submit = async () => {
    if (isSending) return;
    if (!hasConsent) {
      setOutcome({ kind: "error", field: "consent", message: "Tick the box to agree to one email about this colourway." });
      return;
    }
    setIsSending(true);
    const result = await fetchJson<{ signup: { email: string } }>("/api/waitlist", { body: { variantId, email, consent: true } });
    setIsSending(false);
    if (result.ok) {
      setOutcome({ kind: "done", email: result.data.signup.email });
      return;
    }
    const problem = fieldOf(result.problem.details);
    setOutcome({ kind: "error", field: problem?.field ?? null, message: problem?.message ?? result.problem.message });
  };

  const heading = reason === "announced" ? "Email me when it's released" : "Email me when it's back";
  const errorId = `${id}-error`;
  const fieldError = (field: "email" | "consent") => outcome.kind === "error" && outcome.field === field;

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-stone-200 bg-stone-50 p-4" data-testid="notify-me">
      <h2 id={`${id}-heading`} className="font-semibold text-brand-900">
        {heading}
      </h2>
      {outcome.kind === "done" ? null : (
        <form
          className="mt-3 flex flex-col gap-3"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <div>
            <label htmlFor={`${id}-email`} className="block text-sm font-medium text-stone-800">
              Email address
            </label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={fieldError("email") || undefined}
              aria-describedby={fieldError("email") ? errorId : undefined}
              className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
            />
          </div>
          <div className="flex items-start gap-2">
            <input
              id={`${id}-consent`}
              type="checkbox"
              checked={hasConsent}
              onChange={(event) => setHasConsent(event.target.checked)}
              aria-invalid={fieldError("consent") || undefined}
              aria-describedby={fieldError("consent") ? errorId : undefined}
              className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
            />
            <label htmlFor={`${id}-consent`} className="text-sm text-stone-700">
              Email me once when {colourway} can be bought. This is not marketing; every email has a one-click unsubscribe link.
            </label>
          </div>
          <button
            type="submit"
            disabled={isSending}
            aria-busy={isSending}
            className="inline-flex min-h-11 items-center justify-center rounded-full border border-brand-700 bg-white px-5 py-2 font-semibold text-brand-800 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-60 sm:self-start"
          >
            {isSending ? "Signing you up…" : "Notify me"}
          </button>
        </form>
      )}
      <div role="status" aria-live="polite" className="text-sm empty:hidden">
        {outcome.kind === "done" ? (
          <p className="mt-2 text-brand-900" data-testid="notify-me-done">
            Thank you. We will email {outcome.email} once when {colourway} can be bought.
          </p>
        ) : null}
      </div>
      <div role="alert" aria-live="assertive" className="text-sm empty:hidden">
        {outcome.kind === "error" ? (
          <p id={errorId} className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-red-800" data-testid="notify-me-error">
            {outcome.message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
