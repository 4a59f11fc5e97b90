"use client";
// The email and password form; works before JavaScript loads (a plain form post to the server action).
import { useActionState } from "react";
import { signInAction, type SignInState } from "./actions";

const initialState: SignInState = { error: null };

export function SignInForm({ returnTo }: { returnTo: string }) {
  const [state, formAction, isPending] = useActionState(signInAction, initialState);
  const hasError = state.error !== null;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={returnTo} />
      <div>
        <label htmlFor="admin-email" className="block text-sm font-medium text-stone-800">
          Email
        </label>
        <input
          id="admin-email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          aria-invalid={hasError || undefined}
          aria-describedby="admin-email-hint"
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600"
        />
        <p id="admin-email-hint" className="mt-1 text-xs text-stone-500">
          The shop owner of a shop with no staff accounts may leave it blank.
        </p>
      </div>
      <div>
        <label htmlFor="admin-password" className="block text-sm font-medium text-stone-800">
          Password
        </label>
        <input
          id="admin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={hasError || undefined}
          aria-describedby="admin-password-error"
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600"
        />
        <p id="admin-password-error" role="alert" aria-live="assertive" className="mt-2 min-h-5 text-sm text-red-700">
          {state.error}
        </p>
      </div>
      <button
        type="submit"
        disabled={isPending}
        className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
