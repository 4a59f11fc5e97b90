"use client";
// Changing one's own password: the current one, then the new one twice.
import { useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "../_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass } from "../_components/form-field";

export function ChangePasswordForm() {
  const [values, setValues] = useState({ currentPassword: "", newPassword: "", repeat: "" });
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (values.newPassword !== values.repeat) {
      setErrors({ repeat: "The two new passwords are not the same." });
      return;
    }
    setIsBusy(true);
    const result = await callAdminApi("/api/admin/account/password", { method: "POST", body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
    setIsBusy(false);
    if (!result.ok) {
      setErrors(fieldErrorsOf(result.error));
      setProblem(result.error.message);
      return;
    }
    setErrors({});
    setProblem(null);
    setValues({ currentPassword: "", newPassword: "", repeat: "" });
    setSaved(true);
  }

  return (
    <form onSubmit={submit} className="mt-4 space-y-2" noValidate>
      <FormProblem message={problem} />
      {saved ? (
        <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900">
          Password changed. Other browsers have been signed out.
        </p>
      ) : null}
      <Field id="current-password" label="Current password" error={errors.currentPassword}>
        {(control) => <input {...control} type="password" autoComplete="current-password" className={inputClass} value={values.currentPassword} onChange={set("currentPassword")} />}
      </Field>
      <Field id="new-password" label="New password" hint="At least 12 characters, not your current password or the shop's name." error={errors.newPassword}>
        {(control) => <input {...control} type="password" autoComplete="new-password" className={inputClass} value={values.newPassword} onChange={set("newPassword")} />}
      </Field>
      <Field id="repeat-password" label="New password again" error={errors.repeat}>
        {(control) => <input {...control} type="password" autoComplete="new-password" className={inputClass} value={values.repeat} onChange={set("repeat")} />}
      </Field>
      <button type="submit" disabled={isBusy} className={primaryButtonClass}>
        {isBusy ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
