"use client";
// The one-time link's form: a new password, twice, then on to the sign-in page.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { callAdminApi } from "../_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass } from "../_components/form-field";

export function SetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [doneFor, setDoneFor] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeat) {
      setProblem("The two passwords are not the same.");
      return;
    }
    setIsBusy(true);
    const result = await callAdminApi<{ email: string }>("/api/admin/account/set-password", { method: "POST", body: { token, password } });
    setIsBusy(false);
    if (!result.ok) setProblem(result.error.message);
    else setDoneFor(result.data.email);
  }

  if (doneFor) {
    return (
      <div role="status" className="space-y-3">
        <p className="text-stone-700">Your password is set. Sign in as {doneFor}.</p>
        <Link href="/admin/sign-in" className={`${primaryButtonClass} inline-block`}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-2" noValidate>
      <FormProblem message={problem} />
      <Field id="new-password" label="New password" hint="At least 12 characters.">
        {(control) => <input {...control} type="password" autoComplete="new-password" className={inputClass} value={password} onChange={(event) => setPassword(event.target.value)} />}
      </Field>
      <Field id="repeat-password" label="The same password again">
        {(control) => <input {...control} type="password" autoComplete="new-password" className={inputClass} value={repeat} onChange={(event) => setRepeat(event.target.value)} />}
      </Field>
      <button type="submit" disabled={isBusy} className={`${primaryButtonClass} w-full`}>
        {isBusy ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
